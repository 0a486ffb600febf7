# The README's commands. Needs only python3 (with venv) and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_ENV := DJANGO_DEBUG=1

.PHONY: run test lint bench serve install migrate demo clean

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

## run: the portal with the demo fair on http://127.0.0.1:8000/
run: demo
	$(DEV_ENV) $(BIN)/python manage.py create_local_superuser
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

## test: the whole suite once (SQLite, or PostgreSQL when DATABASE_URL points there)
test: $(STAMP)
	$(DEV_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) var/static
