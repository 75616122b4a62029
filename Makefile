# Everything a developer runs. `make run` and `make test` do all the set-up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast bench lint setup assets messages demo worker clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed

locale/en/LC_MESSAGES/django.mo: locale/en/LC_MESSAGES/django.po
	msgfmt --check -o $@ $< 2>/dev/null || $(PY) scripts/compile_messages.py

messages: locale/en/LC_MESSAGES/django.mo

setup: $(VENV)/.installed assets messages

# The app on the embedded SQLite default with Kota Medan demo data, the job worker beside it.
run: setup
	$(PY) manage.py migrate --no-input -v0
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py demo_accounts
	@echo "Renbang ASN: http://$(HOST):$(PORT)/  (Ctrl+C berhenti)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(PY) manage.py db_worker --interval 1 & \
	  $(PY) manage.py runserver $(HOST):$(PORT)

worker: setup
	$(PY) manage.py db_worker

# The whole suite; DATABASE_URL=postgres://... runs it on PostgreSQL (CI does both).
test: setup
	bash scripts/ensure-chromium.sh
	RENBANG_TESTING=true $(PY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

test-fast: setup
	RENBANG_TESTING=true $(PY) -m pytest -n 2 -m "not browser" $(PYTEST_ARGS)

bench: setup
	$(PY) benchmarks/run.py

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check renbang/engine
	$(VENV)/bin/mypy
	$(VENV)/bin/bandit -q -r renbang -lll

clean:
	rm -rf $(VENV) node_modules var/staticfiles
