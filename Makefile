# cardkit: `make run` starts the designer, `make test` runs the whole suite.
# Both set up everything they need first: Debian packages (as root), the
# virtual environment and the pinned Python packages. `make run` installs only
# what the designer needs; `make test` adds the test tools and the browser.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN_STAMP  := $(VENV)/.installed-runtime
DEV_STAMP  := $(VENV)/.installed-dev
NODE_STAMP := tests/node/node_modules/.installed
PORT   ?= 8501

.PHONY: run serve test lint format bench golden system system-serve system-test clean

# FriBiDi for Pillow's text layout (always checked); libgs-common for its free CMYK
# profile (print-shop files).
system:
	@scripts/ensure-system-packages.sh libgs-common

# For `make serve`: HAProxy in front of several designer processes.
system-serve: system
	@scripts/ensure-system-packages.sh haproxy

# For tests only: Chromium for the browser tests, zbar-tools to scan QR codes, Node.js
# for the OpenID Connect provider the sign-in tests start, PostgreSQL for the throwaway
# database server the store tests start.
system-test: system
	@scripts/ensure-system-packages.sh chromium zbar-tools nodejs postgresql haproxy

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(DEV_STAMP): requirements-dev.txt $(RUN_STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# The identity provider of the sign-in tests, exactly as locked (npm ci).
$(NODE_STAMP): tests/node/package-lock.json
	cd tests/node && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

run: system $(RUN_STAMP)
	$(BIN)/python -m streamlit run designer_app.py --server.port $(PORT) --server.address localhost

# Several designer processes behind HAProxy on PORT (see deploy/README.md); with more than
# one, set CARDKIT_DATABASE_URL so that they share one library. FIRST_PORT moves the
# designers' own ports (PORT+101 and up); SECRETS is a secrets.toml that turns sign-in on.
PROCESSES ?= 2
serve: system-serve $(RUN_STAMP)
	$(BIN)/python scripts/serve.py --processes $(PROCESSES) --port $(PORT) \
		$(if $(FIRST_PORT),--first-port $(FIRST_PORT)) $(if $(SECRETS),--secrets $(SECRETS))

test: system-test $(DEV_STAMP) $(NODE_STAMP) lint
	$(BIN)/python -m pytest

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m mypy

format: $(DEV_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# ithappens, the tool the benchmark compares with, in a virtual environment of its own.
ITHAPPENS := .venv-ithappens
$(ITHAPPENS)/.installed: bench/ithappens-requirements.txt
	@test -x $(ITHAPPENS)/bin/python || $(PYTHON) -m venv $(ITHAPPENS)
	$(ITHAPPENS)/bin/python -m pip install --quiet --disable-pip-version-check -r $<
	@touch $@

# The table of every operation against its floor, then the designer in a real browser:
# one session, then 20 at once; then 20 and 60 sessions against 1 and 2 processes behind
# HAProxy (the capacity table in docs/operations.md).
bench: system-test $(DEV_STAMP) $(ITHAPPENS)/.installed
	$(BIN)/python -m bench.run --ithappens $(ITHAPPENS)/bin/python
	$(BIN)/python -m bench.designer
	$(BIN)/python -m bench.load
	$(BIN)/python -m bench.load --capacity --edits 3

# Rewrite the reviewed golden files after an intended layout change.
golden: system-test $(DEV_STAMP)
	$(BIN)/python -m pytest tests/test_golden.py --regen-golden

clean:
	rm -rf $(VENV) $(ITHAPPENS) .pytest_cache .ruff_cache tests/output tests/node/node_modules
