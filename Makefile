# Developer entry points. Only python3 is needed; everything else goes into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: run test lint bench bench-collab

run: $(STAMP)
	$(BIN)/sozialkonferenz serve --demo --host 127.0.0.1 --port $(PORT)

test: $(STAMP)
	$(BIN)/ruff check .
	if [ -f tests/js/package.json ]; then npm ci --prefix tests/js --no-audit --no-fund; fi
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench.projections --database sqlite:///bench/data/county.db
	$(BIN)/python -m bench.projections --database postgresql+psycopg://postgres@127.0.0.1:5432/sozialkonferenz_bench

# Live editing: our server against the Node reference server (results in bench/results/collab.json).
bench-collab: $(STAMP)
	npm ci --prefix bench/collab --no-audit --no-fund
	$(BIN)/python -m bench.collab

lint: $(STAMP)
	$(BIN)/ruff check .

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)
