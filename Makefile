# conflict-kg: every target installs what it needs first (venv, pip packages, Debian packages).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
SAMPLE ?= samples/articles/aleppo-offensive-retold.txt
SEED := ../shared/seeds/000_96d40aee5abd0ab6.txt

.PHONY: install system-deps kg test lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

# Debian packages the tests use: Chromium (browser tests) and Virtuoso (push tests).
system-deps:
	@bash scripts/system-deps.sh

kg: install
	$(BIN)/kg build $$(test -f $(SEED) && echo $(SEED) || echo $(SAMPLE))
	$(BIN)/kg stats
	$(BIN)/kg query --example who-led-the-offensive

test: install system-deps
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check kg tests
	$(BIN)/mypy kg

bench: install
	$(PY) -m kg.bench

clean:
	rm -rf $(VENV) .kg-store bench-out test-artifacts
