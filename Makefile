# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed
	$(BIN)/kefu run

test: $(VENV)/.dev-installed
	scripts/test.sh

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check bot db tests bench
	$(BIN)/mypy

$(VENV)/.bench-installed: pyproject.toml | $(VENV)/.dev-installed
	$(BIN)/pip install -q -e '.[dev,bench]'
	touch $@

bench: $(VENV)/.bench-installed
	$(BIN)/python bench/ack_latency.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/report.py
	$(BIN)/python bench/forms.py
	$(BIN)/python bench/parcels.py
	$(BIN)/python bench/solver.py
	$(BIN)/python -m bench.roster_week
	$(BIN)/python bench/schedule.py
	$(BIN)/python bench/socket_mode.py
