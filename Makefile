# Developer entry points. Only python3 is needed; everything else goes into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

CLIENT_STAMP := client/node_modules/.installed

.PHONY: run test lint bench bench-collab bench-documents client browser pdf-tools

run: $(STAMP) client
	$(BIN)/sozialkonferenz serve --demo --host 127.0.0.1 --port $(PORT)

test: $(STAMP) client browser pdf-tools
	$(BIN)/ruff check .
	if [ -f tests/js/package.json ]; then npm ci --prefix tests/js --no-audit --no-fund; fi
	npm ci --prefix bench/collab --no-audit --no-fund  # tests/bench runs the load generator
	# Bytecode once for the suite's hundred-odd processes: where PYTHONDONTWRITEBYTECODE is set (as on the CI
	# machines), each would compile the project's sources again on import (about half a second).
	$(BIN)/python -m compileall -q -j 0 server domain projections bench tests > /dev/null
	$(BIN)/python -m pytest

# The browser application (client/), built by Vite into client/dist, which the server serves;
# built again only when its sources or packages changed.
CLIENT_SOURCES := $(shell find client/src client/index.html client/vite.config.js client/tsconfig.json client/package.json -type f 2>/dev/null)

client: client/dist/index.html

client/dist/index.html: $(CLIENT_STAMP) $(CLIENT_SOURCES)
	npm run build --prefix client --silent
	touch client/dist/index.html

$(CLIENT_STAMP): client/package.json client/package-lock.json
	# npm ci refuses this lock file (npm leaves the other platforms' optional rollup builds out of it)
	npm install --prefix client --no-save --no-audit --no-fund
	touch $(CLIENT_STAMP)

# Browser tests drive Debian's Chromium; install it where we may (root with apt), else say how.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get install -y chromium || (apt-get update && apt-get install -y chromium); \
	  else \
	    echo "Hinweis: /usr/bin/chromium fehlt, die Browser-Tests werden übersprungen (sudo apt-get install -y chromium)."; \
	  fi; \
	fi

# The document tests read PDFs with Debian's poppler-utils (pdftotext); install it where we may (root with apt).
pdf-tools:
	@if ! command -v pdftotext >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get install -y poppler-utils || (apt-get update && apt-get install -y poppler-utils); \
	  else \
	    echo "Hinweis: pdftotext fehlt, die PDF-Tests werden übersprungen (sudo apt-get install -y poppler-utils)."; \
	  fi; \
	fi

bench: $(STAMP)
	$(BIN)/python -m bench.projections --database sqlite:///bench/data/county.db
	$(BIN)/python -m bench.projections --database postgresql+psycopg://postgres@127.0.0.1:5432/sozialkonferenz_bench

# Live editing: our server against the Node reference server and the null relay (results in bench/results/collab.json),
# then one process against two on PostgreSQL and Redis (bench/results/collab-cluster.json).
bench-collab: $(STAMP)
	npm ci --prefix bench/collab --no-audit --no-fund
	$(BIN)/python -m bench.collab --floor --history 50000 --cluster

# Printed documents: the demo's 2026 Dokumentation and a 500-measure catalogue (bench/results/documents.json).
bench-documents: $(STAMP)
	$(BIN)/python -m bench.documents

lint: $(STAMP)
	$(BIN)/ruff check .

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)
