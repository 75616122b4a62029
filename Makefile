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
	  $(SIASN_FAKE) \
	  $(SIASN_DEMO_ENV) $(PY) manage.py db_worker --interval 1 & \
	  $(SIASN_DEMO_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# Demo: without SIASN credentials in the environment, `make run` starts a fake SIASN on loopback
# (renbang/siasn/fake.py) and points the app at it, so that the SIASN outbox and pull work (docs/panduan/siasn.md).
ifeq ($(SIASN_BASE_URL),)
SIASN_FAKE_URL = http://127.0.0.1:8765
SIASN_DEMO_ENV = SIASN_BASE_URL=$(SIASN_FAKE_URL)/apisiasn/1.0 SIASN_APIM_TOKEN_URL=$(SIASN_FAKE_URL)/oauth2/token \
  SIASN_SSO_TOKEN_URL=$(SIASN_FAKE_URL)/auth/realms/public-siasn/protocol/openid-connect/token \
  SIASN_CONSUMER_KEY=fake-key SIASN_CONSUMER_SECRET=fake-secret SIASN_CLIENT_ID=fake-client \
  SIASN_USERNAME=199001012015011001 SIASN_PASSWORD=fake-pass SIASN_RATE=0
SIASN_FAKE = $(PY) manage.py siasn_fake --port 8765 &
endif

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
