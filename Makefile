# 劳动保障智慧+系统 — the two commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
FLASK  := $(BIN)/flask --app wsgi
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: install run migrate seed test test-sqlite test-postgres lint bench clean

$(STAMP): setup.cfg pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

migrate: install
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) seed-demo

# Serves the demo on SQLite with the scheduler running next to the web server.
run: seed
	@echo "劳动保障智慧+系统: http://$(HOST):$(PORT)  (Ctrl+C 停止)"
	@$(FLASK) scheduler & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(FLASK) run --host $(HOST) --port $(PORT) --with-threads

# The whole suite on SQLite, then on PostgreSQL (a throw-away database per run).
test: install
	$(BIN)/python -m tests.run_suite

test-sqlite: install
	TEST_DATABASE=sqlite $(BIN)/python -m pytest

test-postgres: install
	TEST_DATABASE=postgresql $(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check app engine tests bench

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
