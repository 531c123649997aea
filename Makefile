# SSCP Plans: `make run` serves the demo on http://127.0.0.1:8000, `make test` runs every test.
# Needs python3 with venv and pip; npm is optional (without it the browser tests skip).

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
NPM := $(shell command -v npm 2>/dev/null)
CHROMIUM := /usr/bin/chromium
AXE_JS := node_modules/axe-core/axe.min.js
HOST_PORT := 127.0.0.1:8000
DEMO_PASSWORD := sscp-demo
# Parallel test workers (pytest-xdist); `make test PYTEST_WORKERS=0` runs in one process.
PYTEST_WORKERS ?= auto
PYTEST_ARGS ?=

.PHONY: help install system-packages run test lint check bench bench-http loadtest

help:
	@echo "make run     install, migrate, load demo data, serve http://$(HOST_PORT)"
	@echo "make test    install, run the whole test suite (browser tests need $(CHROMIUM) and npm)"
	@echo "make lint    ruff check and ruff format --check"
	@echo "make check   migrations up to date; Django's deploy checks on production settings"
	@echo "make install create $(VENV), install Python packages and axe-core (npm); Debian packages for the PDF as root"
	@echo "make bench   time every page cached and uncached in a fresh database (BENCH_SCALES=x1,x50; BENCH_JSON=path; DATABASE_URL for PostgreSQL)"
	@echo "make bench-http  gunicorn + wrk on PostgreSQL with the x50 data (installs wrk if missing)"
	@echo "make loadtest    gunicorn on PostgreSQL: 60 s of reads and saves, then a worker killed (not in CI)"

# --- install -------------------------------------------------------------------------------

$(PY):
	$(PYTHON) -m venv $(VENV)

# Re-install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

ifneq ($(NPM),)
node_modules/.installed: package.json $(wildcard package-lock.json)
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; \
	else npm install --no-audit --no-fund; fi
	@touch $@
NODE_STAMP := node_modules/.installed
else
NODE_STAMP :=
endif

# Debian packages outside pip: pango and a font for WeasyPrint (the PDF of a paper), and
# pdftotext (poppler-utils), which the PDF tests read the file with. Installed when run as root
# (CI, a fresh container); otherwise the command to install them is printed.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core poppler-utils

system-packages:
	@command -v dpkg >/dev/null || exit 0; \
	missing="$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done)"; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ]; then echo "Installing" $$missing; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else echo "Missing system packages (PDF of papers, PDF tests): sudo apt-get install" $$missing; fi

install: system-packages $(VENV)/.installed $(NODE_STAMP)
ifeq ($(NPM),)
	@echo "npm not found: axe-core is not installed, so the browser tests will skip."
	@echo "Install Node.js and npm (apt-get install nodejs npm) to run them."
endif

# --- run -----------------------------------------------------------------------------------

run: install
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo --with-demo-users
	$(MANAGE) store_published_papers
	@echo
	@echo "SSCP Plans is at http://$(HOST_PORT)/  (stop with Ctrl+C)"
	@echo "Sign in as manager, chair, datalead or scrutiny, password $(DEMO_PASSWORD):"
	@echo "  manager   business manager: builds plans, runs collections, writes reports"
	@echo "  chair     chair of a board or subgroup: submits its body's quarterly returns"
	@echo "  datalead  data lead of a body: submits its body's quarterly returns"
	@echo "  scrutiny  scrutiny committee member: reads plans and published reports"
	@echo "E-mail (invitations, password resets) is printed here; set DJANGO_EMAIL_* to send it."
	@echo
	@# The outbox worker retries e-mail that failed to send (sscp/mail.py); it stops with the server.
	$(MANAGE) send_queued_email --every 60 & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST_PORT)

# --- test ----------------------------------------------------------------------------------

test: install
	@what="be SKIPPED"; [ "$${SSCP_REQUIRE_BROWSER:-}" = 1 ] && what="FAIL (SSCP_REQUIRE_BROWSER=1)"; \
	if [ ! -x $(CHROMIUM) ]; then \
		echo "NOTE: $(CHROMIUM) not found: the browser tests (tests/e2e) will $$what."; \
	elif [ ! -f $(AXE_JS) ]; then \
		echo "NOTE: $(AXE_JS) not found (no npm?): the browser tests (tests/e2e) will $$what."; \
	fi
	@if [ -n "$${DATABASE_URL:-}" ]; then echo "Database: DATABASE_URL ($${DATABASE_URL%%:*})"; \
	else echo "Database: SQLite (set DATABASE_URL for PostgreSQL)"; fi
	$(PY) -m pytest $(if $(filter 0,$(PYTEST_WORKERS)),,-n $(PYTEST_WORKERS)) $(PYTEST_ARGS)

# --- lint and checks -----------------------------------------------------------------------

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Production settings refuse to load without a real secret and host list: give them throwaway ones.
check: install
	@export DJANGO_SETTINGS_MODULE=config.settings.production \
		DJANGO_ALLOWED_HOSTS=sscp.example.org \
		DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')"; \
	set -ex; \
	$(MANAGE) makemigrations --check --dry-run; \
	$(MANAGE) check --deploy --fail-level WARNING

# --- benchmark -----------------------------------------------------------------------------
# Both build their data in a fresh database they drop afterwards (manage.py bench, bench/).

BENCH_SCALE ?= 50
BENCH_SCALES ?= x1,x50
BENCH_REQUESTS ?= 30
BENCH_JSON ?=
BENCH_HTTP_SECONDS ?= 20
BENCH_HTTP_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/sscp)
BENCH_HTTP_CONN_MAX_AGE ?= 60

bench: install
	DJANGO_DEBUG=false timeout --foreground --kill-after=30 1800 $(MANAGE) bench --scales $(BENCH_SCALES) \
		--requests $(BENCH_REQUESTS) $(if $(BENCH_JSON),--json $(BENCH_JSON))

# Production settings on loopback: no HTTPS redirect, a throwaway secret key (make loadtest too).
PRODUCTION_ON_LOOPBACK = export DJANGO_SETTINGS_MODULE=config.settings.production \
	DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost \
	DJANGO_SECURE_SSL_REDIRECT=false \
	DATABASE_CONN_MAX_AGE=$(BENCH_HTTP_CONN_MAX_AGE) \
	DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')"

bench-http: install
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then echo "Installing wrk"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
		else echo "wrk is missing: sudo apt-get install wrk"; exit 1; fi; }
	@$(PRODUCTION_ON_LOOPBACK) DATABASE_URL="$(BENCH_HTTP_DATABASE_URL)"; \
	timeout --foreground --kill-after=30 900 $(MANAGE) bench --http --scale $(BENCH_SCALE) \
		--http-seconds $(BENCH_HTTP_SECONDS)

# --- load test (not in CI: it takes about two minutes and wants the machine to itself) -------
# A fresh PostgreSQL database (<name>_loadtest) with a generated partnership, gunicorn with the
# production settings on loopback, a mix of pages and saves, then one worker killed during
# saves; exits non-zero on any error or partial return (docs/reliability.md).

LOADTEST_SCALE ?= 10
LOADTEST_SECONDS ?= 60
LOADTEST_CONNECTIONS ?= 16
LOADTEST_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/sscp)

loadtest: install
	@$(PRODUCTION_ON_LOOPBACK) DATABASE_URL="$(LOADTEST_DATABASE_URL)"; \
	timeout --foreground --kill-after=30 600 $(MANAGE) loadtest --scale $(LOADTEST_SCALE) \
		--seconds $(LOADTEST_SECONDS) --connections $(LOADTEST_CONNECTIONS)
