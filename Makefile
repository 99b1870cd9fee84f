# PolicyGraph: `make serve` to run the service, `make test` to run the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install serve test test-neo4j lint typecheck bench schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependency pins change.
$(STAMP): $(BIN)/python pyproject.toml requirements.lock tools/cypherlint/package-lock.json
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	npm ci --prefix tools/cypherlint --no-audit --no-fund --loglevel=error
	touch $(STAMP)

install: $(STAMP)

serve: install
	$(BIN)/policygraph serve

lint: install
	$(BIN)/ruff check .

typecheck: install
	$(BIN)/mypy

test: install lint typecheck
	$(BIN)/pytest

# The same suite against a running Neo4j 5, e.g.
#   make test-neo4j NEO4J_URI=bolt://localhost:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=secret
test-neo4j: install
	@test -n "$(NEO4J_URI)" || (echo "set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE)"; exit 2)
	NEO4J_URI=$(NEO4J_URI) $(BIN)/pytest

# bench.run rewrites bench/results.md, so it goes first; the others append their sections.
bench: install
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.awards_bench
	$(BIN)/python -m bench.coverage_bench

# Regenerate schema.graphql from the code (a test fails while the two disagree).
schema: install
	$(BIN)/policygraph export-schema

clean:
	rm -rf $(VENV) .data .pytest_cache .mypy_cache .ruff_cache tools/cypherlint/node_modules
