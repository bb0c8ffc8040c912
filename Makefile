# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTEST := $(VENV)/bin/pytest
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
CHROMIUM := /usr/bin/chromium

.PHONY: run test test-postgres bench bench-load lint messages chromium test-tools signing-keys clean

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(PIP) install --quiet -r requirements-test.txt
	touch $@

chromium:
	@test -x $(CHROMIUM) || { echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Independent verifiers the certificate tests run: poppler's pdfsig for the sealed PDF, and the
# credential community's Node libraries (tests/node/, git-ignored node_modules) for Open Badges 3.0.
test-tools: tests/node/node_modules/.installed
	@command -v pdfsig >/dev/null 2>&1 || { echo "Installing Debian's poppler-utils (pdfsig) for the PDF seal tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; }

tests/node/node_modules/.installed: tests/node/package.json tests/node/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "Installing Debian's nodejs and npm for the credential verifier tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	cd tests/node && npm ci --no-audit --no-fund --silent
	touch $@

# Development signing keys (PDF seal and credential key) under var/keys/, made once; see README.
signing-keys: $(VENV)/.installed
	$(PY) manage.py create_signing_keys --development

run: $(VENV)/.installed signing-keys
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data
	$(PY) manage.py load_training
	$(PY) manage.py create_demo_accounts
	@echo "Serving on http://127.0.0.1:8000/ (admin: http://127.0.0.1:8000/admin/)"
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(VENV)/.installed-test chromium test-tools
	$(PYTEST)

test-postgres: $(VENV)/.installed-test chromium test-tools
	DATABASE_URL=$(POSTGRES_URL) $(PYTEST)

bench: $(VENV)/.installed-test
	DJANGO_SETTINGS_MODULE=training_site.settings.test $(PY) -m bench

# Load and fault runs on a PostgreSQL cluster and a Redis the script starts itself (127.0.0.1 only);
# about 20 minutes with the defaults (200 learners, 5 minutes per scenario). See bench/load/.
bench-load: $(VENV)/.installed-test
	$(PY) -m bench.load $(BENCH_LOAD_ARGS)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# locale/ is regenerated from the code; locale_overrides/ (library strings in our wording) is only compiled.
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l sv --ignore=.venv --ignore=staticfiles --ignore=locale_overrides --no-obsolete
	$(PY) manage.py compilemessages -l sv -l en --ignore=.venv

clean:
	rm -rf $(VENV) tests/node/node_modules staticfiles db.sqlite3 db.sqlite3-wal db.sqlite3-shm
