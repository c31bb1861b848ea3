# prodoffice: `make run` to try it, `make test` to check it. `make help` lists every target.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := prodoffice.settings

# First Python >= 3.11 on PATH, newest first.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)

.PHONY: help run test setup venv install migrate demo serve port-free lint format check browser-deps clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'
	@echo
	@echo "Variables (make run PORT=8001 HOST=0.0.0.0):"
	@echo "  PORT           the port make run and make serve listen on (default 8000)"
	@echo "  HOST           the address they listen on (default 127.0.0.1; 0.0.0.0 for the network)"
	@echo "  DATABASE_URL   PostgreSQL instead of the SQLite file under var/ (see README)"

run: setup port-free ## Set up, load the demo production if the database is empty, serve on $(HOST):$(PORT)
	@echo "Loading the demo production when the database holds none (the first run takes a minute)..."
	@$(BIN)/prodoffice demo --if-empty >/dev/null
	@# The demo's queued work (contracts sent, their e-mails on the console) runs before serving.
	@$(BIN)/prodoffice worker --batch --no-reload
	@# The background worker (optimizer runs) lives as long as the development server; without
	@# the autoreloader it is up before the server answers. The logins and the URL are printed
	@# once the server answers, so that they end the output.
	@$(BIN)/prodoffice worker --no-reload & W=$$!; \
	  $(BIN)/prodoffice demo --logins --wait-for $(HOST):$(PORT) & L=$$!; \
	  trap 'kill $$W $$L 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/prodoffice runserver $(HOST):$(PORT)

# Bytecode is written even where PYTHONDONTWRITEBYTECODE is set: each pytest worker compiles and
# assertion-rewrites ~600 modules to collect the suite (15 s of CPU without caches, 7 s with),
# twice per CI run (SQLite, PostgreSQL); __pycache__ is ignored by git.
test: setup browser-deps lint check ## Set up, lint, then run the whole suite
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -n 2 --dist loadgroup

setup: install migrate ## Create .venv, install, migrate

$(VENV)/.installed: pyproject.toml constraints.txt
	@test -n "$(PYTHON)" || { echo "No Python >= 3.11 found on PATH" >&2; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

venv install: $(VENV)/.installed ## Install the project and its test tools into .venv

migrate: install ## Apply database migrations (SQLite under var/ unless DATABASE_URL is set)
	$(BIN)/prodoffice migrate --noinput

demo: setup ## Load (or refresh) the demo production and print its logins
	$(BIN)/prodoffice demo

serve: setup port-free ## Run the production server (gunicorn + whitenoise)
	$(BIN)/prodoffice serve --bind $(HOST):$(PORT)

# A busy port is named with the variable that moves it, before anything starts.
port-free:
	@$(PY) -c 'import socket, sys; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("$(HOST)", $(PORT)))' 2>/dev/null \
	  || { echo "Port $(PORT) on $(HOST) is busy (another prodoffice or program listens there): run 'make $(firstword $(MAKECMDGOALS)) PORT=8001', or set HOST." >&2; exit 1; }

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Apply ruff formatting and fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django system checks and the missing-migrations check
	$(BIN)/prodoffice check --fail-level WARNING
	$(BIN)/prodoffice makemigrations --check --dry-run

# Browser and PDF-signature tests use Debian's Chromium and poppler, never a downloaded browser.
browser-deps: ## Install Debian's chromium and poppler-utils when running as root
	@if ! command -v chromium >/dev/null || ! command -v pdfsig >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils fonts-dejavu-core >/dev/null) \
	    || echo "warning: could not install chromium/poppler-utils; browser tests will be skipped" >&2; \
	  else echo "warning: chromium or poppler-utils missing (install them as root); browser tests will be skipped" >&2; fi; \
	fi

clean: ## Remove .venv and var/
	rm -rf $(VENV) var staticfiles
