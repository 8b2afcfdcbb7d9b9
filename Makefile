# The README's two commands: `make run` and `make test`.
# Everything else here is what those two need.

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

# Django 6.1 needs Python 3.12+. Take the first interpreter that is new enough
# (.python-version selects 3.13 under pyenv); stop clearly if there is none.
PYTHON := $(shell for candidate in python3.13 python3.12 python3.14 python3 python; do \
	if command -v $$candidate >/dev/null 2>&1 && \
	   $$candidate -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then \
	   echo $$candidate; break; fi; done)

.PHONY: run test test-postgres serve install setup lint format clean lighthouse bench visual-references

run: setup
	DJANGO_DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Browser checks need Chromium and the HTML check needs Java and Node's npm; where one is
# missing they are skipped with a message saying how to install it (in CI they fail).
test: install $(NODE_STAMP)
	$(BIN)/python -m pytest

# The whole suite on a throwaway PostgreSQL 15 cluster with a Redis cache (CI runs it
# after `make test`); needs PostgreSQL's initdb and redis-server on PATH.
test-postgres: install $(NODE_STAMP)
	scripts/with-postgres-and-redis $(BIN)/python -m pytest

# Production-style: gunicorn (gunicorn.conf.py) with DEBUG off, on the embedded SQLite
# unless DATABASE_URL says otherwise. It never makes up a secret key: a new one at each
# start would sign every editor out and break every form a visitor had open.
# The Docker image runs the same commands (Dockerfile, docker-entrypoint.sh).
serve: export DJANGO_DEBUG := false
serve: install
	@if [ -z "$$DJANGO_SECRET_KEY" ]; then \
		echo "error: DJANGO_SECRET_KEY is not set. make serve runs with DEBUG off and needs a"; \
		echo "long random key that stays the same across restarts, for example:"; \
		echo "  export DJANGO_SECRET_KEY=\"\$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')\""; \
		echo "(keep it in your secrets store; for development use make run)."; \
		exit 1; fi
	@if [ -z "$$DJANGO_SITE_URL" ]; then \
		echo "error: DJANGO_SITE_URL is not set. Set it to the site's public address, for"; \
		echo "example https://guide.example.org (or http://localhost:$(PORT) on this machine):"; \
		echo "the shortlist links advisors send are built from it."; \
		exit 1; fi
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_seed
	$(BIN)/python manage.py build_preview_images
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	HOST=$(HOST) PORT=$(PORT) exec $(BIN)/gunicorn --config gunicorn.conf.py

# Lighthouse (mobile) on the home page, the directory and a role page, served as in
# production (scripts/lighthouse.py). Not part of `make test` or CI: Lighthouse is
# installed on demand from tools/lighthouse/ (its own lock file), needs Chromium, and
# takes about a minute. Reports go to test-artifacts/lighthouse/.
LIGHTHOUSE_STAMP := tools/lighthouse/node_modules/.installed

lighthouse: install $(LIGHTHOUSE_STAMP)
	$(BIN)/python scripts/lighthouse.py

# Every page type's requests/s, latency, SQL queries and compressed weight at the seed's
# size and at 10,000 generated roles, against a minimal Django view served the same way
# (bench/, docs/performance.md). Not part of `make test` or CI: about 5 minutes, and the
# numbers are only meaningful as ratios on a quiet machine. BENCH_ARGS="--quick" for a
# smoke run; "--strict" to fail when a target is missed.
bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)

$(LIGHTHOUSE_STAMP): tools/lighthouse/package-lock.json
	npm ci --prefix tools/lighthouse --no-audit --no-fund --silent
	@touch $(LIGHTHOUSE_STAMP)

# Rewrite the reference screenshots in tests/visual/reference/ from the current pages,
# after a deliberate design change; review the new images in the diff before committing.
visual-references: install
	UPDATE_VISUAL_REFERENCES=1 $(BIN)/python -m pytest tests/visual -q

# Database schema, seed data, the roles' preview images and static files; safe to repeat.
setup: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_seed
	$(BIN)/python manage.py build_preview_images
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

install: $(STAMP)

$(STAMP): pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
		echo "error: Python 3.12 or newer is required (Django 6.1 needs it)."; \
		echo "Install it (e.g. 'pyenv install 3.13') and run make again."; \
		exit 1; fi
	@if [ ! -x $(BIN)/python ] || ! $(BIN)/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then \
		rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); fi
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet --editable . --group dev
	@touch $(STAMP)

$(NODE_STAMP): package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --silent && touch $(NODE_STAMP); \
	else \
		echo "npm not found: the HTML validity check will be skipped (install Node.js to run it)."; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles node_modules tools/lighthouse/node_modules test-artifacts .pytest_cache .ruff_cache *.egg-info
