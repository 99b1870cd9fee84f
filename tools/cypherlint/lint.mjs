// Reads a JSON array of {name, query, parameters} on stdin and prints, as JSON,
// the diagnostics Neo4j's own Cypher language support reports for each one.
// Severity 1 is an error, 2 a warning.
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const statements = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const results = statements.map(({ name, query, parameters }) => {
  const { diagnostics } = lintCypherQuery(query, { parameters: parameters ?? {} });
  return {
    name,
    diagnostics: diagnostics
      // Parameters are supplied at run time; their absence from the lint schema is not a fault.
      .filter((d) => !/Parameter .* (is not defined|missing)/i.test(d.message))
      .map((d) => ({ severity: d.severity, message: d.message, offset: d.offsets?.start ?? null })),
  };
});
process.stdout.write(JSON.stringify(results));
