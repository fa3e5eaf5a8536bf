# The two commands a newcomer needs: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_ENV := DEBUG=1
PORT ?= 8000

.PHONY: format run test install migrate demo assets bench-language bench-pages bench-load bench-directory bench-safeguarding bench-surveys clean check-deploy browser-deps mutation lint

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	@mkdir -p var
	$(DEMO_ENV) $(BIN)/python manage.py migrate --verbosity 0

demo: migrate
	$(DEMO_ENV) $(BIN)/python manage.py load_demo --port $(PORT)

# Starts the demo on SQLite at http://127.0.0.1:8000 (or PORT=8101) and prints how to sign in.
run: demo
	$(DEMO_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The linter and the formatter (ruff): `make lint` checks, `make format` rewrites.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Every test, one worker per core (TEST_WORKERS=1 for one process). Set DATABASE_URL to run against
# PostgreSQL; browser tests need chromium (make browser-deps).
TEST_WORKERS ?= auto
test: install
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

# Rebuilds whatsstrong/static from the pinned npm packages in frontend/ (needs node and npm).
assets:
	cd frontend && npm ci --no-audit --no-fund && npm run build

# Browser tests: Debian's chromium and chromedriver, and axe-core from npm.
browser-deps:
	command -v chromium >/dev/null && command -v chromedriver >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver)
	cd frontend && npm ci --no-audit --no-fund --silent

# Language coach: precision, recall and F1 per kind, speed, and proselint and alex on the same corpus.
bench-language: install
	$(BIN)/pip install --quiet -r bench/requirements.txt
	-command -v npm >/dev/null && npm ci --prefix bench --no-audit --no-fund --silent
	$(BIN)/python bench/language_bench.py

# The busiest pages and name search at 150,000 and 500,000 people, p95 side by side (target: at most
# 1.5x). SQLite; POSTGRES=postgres://postgres@127.0.0.1:5432 for the whatsstrong_bench_150k and _500k databases.
.PHONY: bench-scale
bench-scale: install
	$(BIN)/python bench/scale.py $(if $(POSTGRES),--postgres $(POSTGRES))

# Page and search timings on a generated 150,000-person council (SQLite; DATABASE_URL=postgres://.../whatsstrong_bench
# for PostgreSQL).
bench-pages: install
	$(BIN)/python bench/pages.py --people 150000 $(if $(DATABASE_URL),--database-url $(DATABASE_URL))

# The community directory's word search, page and API, on 50,000 generated services beside the engine's own
# full-text query (SQLite; DATABASE_URL=postgres://.../whatsstrong_bench_directory for PostgreSQL).
bench-directory: install
	$(BIN)/python bench/directory.py --services 50000 $(if $(DATABASE_URL),--database-url $(DATABASE_URL))

# The SAC return (manage.py sac_return) on a generated 30,000-person council, against hand-written SQL
# giving the same counts (SQLite; DATABASE_URL=postgres://.../whatsstrong_bench_safeguarding for PostgreSQL).
bench-safeguarding: install
	$(BIN)/python bench/safeguarding.py --people 30000 $(if $(DATABASE_URL),--database-url $(DATABASE_URL))

# Experience survey results on 100,000 generated responses beside a hand-written GROUP BY
# (SQLite; DATABASE_URL=postgres://.../whatsstrong_bench_surveys for PostgreSQL).
bench-surveys: install
	$(BIN)/python bench/surveys.py --responses 100000 $(if $(DATABASE_URL),--database-url $(DATABASE_URL))

# The audits' quarterly themes report on a generated 150,000-person council beside a hand-written SQL
# aggregate giving the same figures (SQLite; DATABASE_URL=postgres://.../whatsstrong_bench_themes for PostgreSQL).
.PHONY: bench-themes
bench-themes: install
	$(BIN)/python bench/themes.py --people 150000 $(if $(DATABASE_URL),--database-url $(DATABASE_URL))

# The team's supervision overview (who is overdue) and a supervisee's history on a generated 150,000-person
# council, beside hand-written SQL (SQLite; DATABASE_URL=postgres://.../whatsstrong_bench_supervision).
.PHONY: bench-supervision
bench-supervision: install
	$(BIN)/python bench/supervision.py --people 150000 $(if $(DATABASE_URL),--database-url $(DATABASE_URL))

# Production settings: Django's deployment check, then real pages served by gunicorn after collectstatic.
# The highest rate of caseload pages 2 gunicorn workers hold (p95 < 200 ms, no errors), driven by Locust;
# 60 s a step, about 10 minutes. DATABASE_URL=postgres://.../whatsstrong_bench for PostgreSQL; STEP_SECONDS=10
# for a quick try.
bench-load: install
	$(BIN)/pip install --quiet -r bench/requirements.txt
	$(BIN)/python bench/load.py --people 150000 $(if $(DATABASE_URL),--database-url $(DATABASE_URL)) $(if $(STEP_SECONDS),--seconds $(STEP_SECONDS))

# Breaks the access rules, the person rules and the versioned save one change at a time and checks a
# test notices each; fails below 90%. Slow (about 20 minutes), so not part of make test or CI.
mutation: install
	$(BIN)/python scripts/mutation.py

check-deploy: install
	DEBUG=0 SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	  ALLOWED_HOSTS=care.example.org $(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python scripts/serve_check.py

clean:
	rm -rf $(VENV) var
