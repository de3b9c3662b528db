# Two entry points: `make lab` (set up, then open the workbook) and `make test` (set up, then
# run every check). Both create .venv on first use and reinstall only when pyproject.toml changes.
# `make app` serves the workbook as the workshop app; `make screenshots` refreshes docs/*.png.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: lab app test lint typecheck unit browser-deps screenshots clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/workbook lab

app: $(STAMP)
	$(BIN)/workbook app

test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) browser-deps
	$(BIN)/pytest

# What the browser tests (tests/browser) need besides Python: Debian's chromium, installed with
# apt-get, and from npm (package-lock.json, into node_modules/) axe-core and
# configurable-http-proxy, JupyterHub's proxy for the hub test. Each is installed only when
# missing. Without root (or apt-get, or npm) nothing is installed, this says so, and the browser
# tests are skipped with the reason.
browser-deps: $(NODE_STAMP)
	@if [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's chromium for the browser tests (apt-get)"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
			|| echo "Could not install chromium: the browser tests will be skipped"; \
	else \
		echo "Chromium is missing and cannot be installed without root and apt-get:" \
			"the browser tests will be skipped"; \
	fi

$(NODE_STAMP): package.json package-lock.json
	@if ! command -v npm >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] \
			&& command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's npm for the browser tests (apt-get)"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; } \
			|| echo "Could not install npm"; \
	fi
	@if command -v npm >/dev/null 2>&1; then \
		{ npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); } \
			|| echo "npm ci failed: axe-core and configurable-http-proxy are not installed, and" \
				"the browser tests will be skipped"; \
	else \
		echo "npm is missing and cannot be installed without root and apt-get: axe-core and" \
			"configurable-http-proxy are not installed, and the browser tests will be skipped"; \
	fi

# Screenshots of the app's main pages for the README, into docs/ (not part of the tests).
screenshots: $(STAMP) browser-deps
	$(BIN)/python -m tests.browser.screenshots
	$(BIN)/python -m tests.make_readme_charts

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache .hypothesis
