# Onward: `make run` serves the app, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint format lock bench smoke loadtest clean axe

# axe-core, for the accessibility browser test (tests/browser/test_accessibility.py):
# the exact version that tests/browser/axe-core-version names, from the npm registry,
# kept outside the checkout. The test finds it there, or where AXE_CORE_JS points.
AXE_CORE_VERSION := $(shell cat tests/browser/axe-core-version)
AXE_CORE_JS ?= $(HOME)/.cache/onward/axe-core-$(AXE_CORE_VERSION)/axe.min.js

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the declared or pinned dependencies change.
$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --constraint constraints.txt --editable ".[dev]"
	touch $@

install: $(STAMP)

run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

# The suite runs in a process per core (pytest-xdist); the tests of one module or one
# class stay in one process (--dist loadscope), so its set-up is made once.
# PYTEST_WORKERS=0 runs it in this process alone; PYTEST_ARGS adds pytest's options.
PYTEST_WORKERS ?= auto
test: install
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadscope $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-pin every dependency to the newest versions pyproject.toml allows.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet ".[dev]"
	.venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^onward' > constraints.txt
	rm -rf .venv-lock

# Times the main pages at 10,000 applications in a scratch database (SQLite in a
# temporary file; PostgreSQL when DATABASE_URL points at one). BENCH_ARGS="--help" lists options.
bench: install
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# Production smoke test of the container's entrypoint against the local PostgreSQL.
smoke: install
	$(BIN)/python scripts/smoke.py

# Two gunicorn servers on PostgreSQL and Redis under 60 s a page of signed-in load, the
# dashboard against the bare view (needs wrk: apt-get install wrk, and REDIS_URL).
loadtest: install
	$(BIN)/python scripts/loadtest.py $(LOADTEST_ARGS)

axe: $(AXE_CORE_JS)

$(AXE_CORE_JS):
	mkdir -p $(dir $@)
	cd $(dir $@) && npm pack --silent axe-core@$(AXE_CORE_VERSION) >/dev/null \
		&& tar -xzf axe-core-$(AXE_CORE_VERSION).tgz --strip-components=1 package/axe.min.js \
		&& rm axe-core-$(AXE_CORE_VERSION).tgz
	test -s $@

clean:
	rm -rf $(VENV)
