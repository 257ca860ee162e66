# Lattice: the two commands are `make run` and `make test` (see README.md).
PY       ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
PYTEST_WORKERS ?= 2
export UV_PYTHON_DOWNLOADS := never
export CHROMIUM

.PHONY: run reset setup sysdeps axe lint test test-sqlite test-pg test-browser bench requirements clean help

help:
	@echo "make run      create .venv, migrate, load the demo district, serve http://127.0.0.1:8000"
	@echo "make test     install test tools, lint, and run the whole suite (SQLite, PostgreSQL, Chromium)"
	@echo "make reset    delete the local database so the next 'make run' starts over"
	@echo "make bench    run the benchmarks under bench/"

$(BIN)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check uv
	$(BIN)/uv pip install -q --python $(BIN)/python -r requirements-dev.txt
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	touch $@

setup: $(BIN)/.installed

run: setup
	DEBUG=1 $(BIN)/lattice run --host 127.0.0.1 --port 8000

reset:
	rm -rf var/lattice.sqlite3 var/lattice.sqlite3-* var/private
	@echo "Local database removed; 'make run' will create a fresh demo district."

# Debian's Chromium (browser tests) and PostgreSQL (the throwaway test cluster), installed
# with apt-get when missing; without root we say what to install instead.
sysdeps:
	@if [ ! -x $(CHROMIUM) ] || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      $$( [ -x $(CHROMIUM) ] || echo chromium ) \
	      $$( ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || echo postgresql ) >/dev/null; \
	  else \
	    echo "Missing system packages: install them with: sudo apt-get install chromium postgresql" >&2; exit 1; \
	  fi; \
	fi

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	DEBUG=1 LATTICE_VAR_DIR=$$(mktemp -d) $(BIN)/python manage.py makemigrations --check --dry-run
	DEBUG=1 LATTICE_VAR_DIR=$$(mktemp -d) $(BIN)/python manage.py check

test-sqlite: setup
	$(BIN)/pytest -q -m "not browser" -n $(PYTEST_WORKERS)

# The pure core's tests (the rules engine, the forecast) cannot reach a database: the packages
# import no Django (import-linter) and tests/test_pure_core_tests.py keeps their tests free of
# database fixtures. They run once, in test-sqlite; PostgreSQL runs every test that can reach it.
PURE_CORE_TESTS := tests/rules tests/forecast
test-pg: setup sysdeps
	scripts/with-postgres.sh $(BIN)/pytest -q -m "not browser" -n $(PYTEST_WORKERS) \
		$(foreach t,$(PURE_CORE_TESTS),--ignore=$(t))

# axe-core, the accessibility engine the browser walk runs on every page, from the npm
# registry into the git-ignored .test-tools/ (no package.json or lock file is written).
AXE_VERSION ?= 4
AXE := .test-tools/node_modules/axe-core/axe.min.js
$(AXE):
	npm install -s --no-save --no-audit --no-fund --prefix .test-tools axe-core@$(AXE_VERSION)
axe: $(AXE)

test-browser: setup sysdeps axe
	$(BIN)/pytest -q -m browser -n $(PYTEST_WORKERS)

test: setup sysdeps lint test-sqlite test-pg test-browser
	@echo "make test: all stages passed"

bench: setup
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# Re-pin dependencies after editing requirements*.in (no index URLs are written).
requirements: setup
	$(BIN)/uv pip compile -q --no-header --no-annotate requirements.in -o requirements.txt
	$(BIN)/uv pip compile -q --no-header --no-annotate requirements-dev.in -o requirements-dev.txt

clean:
	rm -rf $(VENV) staticfiles test-artifacts .test-tools
