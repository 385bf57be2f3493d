# cardkit: `make run` starts the designer, `make test` runs the whole suite.
# Both set up everything they need first: Debian packages (as root), the
# virtual environment and the pinned Python packages.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-requirements
PORT   ?= 8501

.PHONY: run test lint format bench golden system clean

# FriBiDi for Pillow's text layout; libgs-common for its free CMYK profile (print-shop
# files); Chromium for the browser tests; zbar-tools to scan QR codes in tests.
system:
	@scripts/ensure-system-packages.sh libgs-common chromium zbar-tools

$(STAMP): requirements.txt
	@scripts/ensure-system-packages.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

run: system $(STAMP)
	$(BIN)/streamlit run designer_app.py --server.port $(PORT) --server.address localhost

test: system $(STAMP) lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# ithappens, the tool the benchmark compares with, in a virtual environment of its own.
ITHAPPENS := .venv-ithappens
$(ITHAPPENS)/.installed: bench/ithappens-requirements.txt
	@test -x $(ITHAPPENS)/bin/python || $(PYTHON) -m venv $(ITHAPPENS)
	$(ITHAPPENS)/bin/python -m pip install --quiet --disable-pip-version-check -r $<
	@touch $@

# The table of every operation against its floor, then the designer in a real browser:
# one session, then 20 at once.
bench: system $(STAMP) $(ITHAPPENS)/.installed
	$(BIN)/python -m bench.run --ithappens $(ITHAPPENS)/bin/python
	$(BIN)/python -m bench.designer
	$(BIN)/python -m bench.load

# Rewrite the reviewed golden files after an intended layout change.
golden: system $(STAMP)
	$(BIN)/python -m pytest tests/test_golden.py --regen-golden

clean:
	rm -rf $(VENV) $(ITHAPPENS) .pytest_cache .ruff_cache tests/output
