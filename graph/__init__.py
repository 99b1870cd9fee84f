"""The graph layer: one async store interface over Neo4j 5 or an embedded FalkorDB.

Everything above this package (loaders, GraphQL schema, server) talks to a
`GraphStore` and passes `Statement` objects with parameters; nothing above it
writes Cypher text or knows which database answers.
"""
