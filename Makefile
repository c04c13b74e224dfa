# Developer entry points. Only python3 is needed; everything else goes into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: run test lint bench

run: $(STAMP)
	$(BIN)/sozialkonferenz serve --demo --host 127.0.0.1 --port $(PORT)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench.projections --database sqlite:///bench/data/county.db
	$(BIN)/python -m bench.projections --database postgresql+psycopg://postgres@127.0.0.1:5432/sozialkonferenz_bench

lint: $(STAMP)
	$(BIN)/ruff check .

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)
