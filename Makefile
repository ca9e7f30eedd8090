# eventmap: two commands set everything up on a fresh machine.
#   make map   create .venv if needed, run the main job on seeds/, write maps/
#   make test  create .venv if needed, run the test suite (offline)
# Only python3, make and the package registries are assumed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.eventmap-installed

.PHONY: map test bench lint venv gazetteer clean-venv

venv: $(STAMP)

# Reinstall only when the project's dependency list changes (idempotent).
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

map: $(STAMP)
	$(BIN)/eventmap map seeds/ -o maps --png auto --data-out data/processed

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m benchmarks

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks notebooks
	$(BIN)/ruff format --check src tests benchmarks

gazetteer: $(STAMP)
	$(BIN)/eventmap gazetteer build

clean-venv:
	rm -rf $(VENV)
