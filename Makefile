# The two front-door commands (see README.md):
#   make demo   install, then ingest the bundled sample articles into a SQLite ledger and show it
#   make test   install (Python and Debian packages), start PostgreSQL, run the whole test suite
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: demo test install system bench eval docs

# constraints.txt pins every package to the versions the tests last passed with (see its header).
$(BIN)/armsledger: pyproject.toml constraints.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e ".[all,dev]"
	@touch $@

install: $(BIN)/armsledger

system:
	scripts/install-system.sh

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/armsledger ingest samples/ --db $(DEMO_DB)
	$(BIN)/armsledger deals --db $(DEMO_DB)
	$(BIN)/armsledger conflicts --db $(DEMO_DB)

test: install system
	ARMSLEDGER_TEST_PG="$$(scripts/start-postgres.sh)" $(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/extract_speed.py

eval: install
	$(BIN)/python tests/eval/gate.py
