# The README's commands. Needs only python3 (with venv) and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_ENV := DJANGO_DEBUG=1
# `make run PORT=8080` when 8000 is taken; links in mails and QR codes follow it.
PORT ?= 8000
RUN_ENV := $(DEV_ENV) PORTAL_BASE_URL=http://127.0.0.1:$(PORT)

.PHONY: run test lint bench bench-front serve install migrate demo clean collectstatic backup restore soak

# `make serve` runs the production settings (on loopback unless GUNICORN_BIND says
# otherwise). It needs DJANGO_SECRET_KEY, the same on every instance and across
# restarts: a key made up per start would sign everyone out on each restart or on the
# other instance, and spoil the representatives' invitation links.
SERVE_ENV := DJANGO_DEBUG=0 DJANGO_SECURE_SSL_REDIRECT=$${DJANGO_SECURE_SSL_REDIRECT:-0} \
	DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}
NEEDS_SECRET_KEY = @test -n "$$DJANGO_SECRET_KEY" || { echo "make serve: set DJANGO_SECRET_KEY \
(the same on every instance), e.g. DJANGO_SECRET_KEY=\$$(python3 -c 'import secrets; \
print(secrets.token_urlsafe(50))')"; exit 2; }

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

migrate: $(STAMP)
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(DEV_ENV) $(BIN)/python manage.py load_demo_fair

## run: the portal with the demo fair on http://127.0.0.1:8000/ (PORT=8080: another port)
run: demo
	$(RUN_ENV) $(BIN)/python manage.py create_local_superuser
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## test: the whole suite once (SQLite, or PostgreSQL when DATABASE_URL points there)
test: $(STAMP)
	$(DEV_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

collectstatic: $(STAMP)
	$(NEEDS_SECRET_KEY)
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput -v 0

## serve: gunicorn on the production settings (WEB_CONCURRENCY, GUNICORN_THREADS, GUNICORN_BIND)
serve: collectstatic
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput -v 0
	$(SERVE_ENV) exec $(BIN)/gunicorn -c fairportal/gunicorn_conf.py

# backup and restore never install: run from cron during the fair, a pip install after
# a pyproject.toml change would need the network, and could fail, before the backup.
NEEDS_VENV = @test -x $(BIN)/python || { echo "make $@: no $(BIN) here; run make install first"; exit 2; }

## backup: database + media into var/backups/<time> (BACKUP_ENV: DATABASE_URL etc.)
backup:
	$(NEEDS_VENV)
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py backup_portal $(if $(BACKUP),--output $(BACKUP),)

## restore: make restore BACKUP=var/backups/<time>
restore:
	$(NEEDS_VENV)
	@test -n "$(BACKUP)" || (echo "usage: make restore BACKUP=var/backups/<folder>"; exit 2)
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py restore_portal $(BACKUP)

## bench: load test against /healthz on synthetic editions (PostgreSQL; see scripts/bench.py)
bench: $(STAMP)
	$(BIN)/python scripts/bench.py

## bench-front: gunicorn's sync and gthread workers behind nginx (see scripts/bench_front.py)
bench-front: $(STAMP)
	$(BIN)/python scripts/bench_front.py

## soak: two gunicorn instances behind nginx, 60 s of mixed load, one instance killed
soak: $(STAMP)
	$(BIN)/python scripts/soak.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) var/static
