# Familiennavi — the commands a developer and CI use. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# The offers API has its own environment (pydantic 2, SQLAlchemy 2); Rasa's bot environment comes separately.
API_PYTHON ?= $(shell pyenv root 2>/dev/null)/versions/3.11.7/bin/python3.11
API_VENV := .venv/api
API_BIN := $(API_VENV)/bin
API_HOST ?= 127.0.0.1
API_PORT ?= 8000
API_WORKERS ?= 1

.PHONY: help setup-api run api build-db test test-api lint typecheck fuzz bench clean

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(API_BIN)/uvicorn: pyproject.toml
	@test -x "$(API_PYTHON)" || { echo "Python 3.11 not found at $(API_PYTHON); set API_PYTHON=/path/to/python3.11"; exit 1; }
	$(API_PYTHON) -m venv $(API_VENV)
	$(API_BIN)/pip install --quiet --upgrade pip
	$(API_BIN)/pip install --quiet -e '.[api,api-dev]'
	@touch $@

setup-api: $(API_BIN)/uvicorn ## create the offers API environment (.venv/api)

build-db: setup-api ## (re)build the NRW directory in the database; add DEMO=1 to reload demo offers
	$(API_BIN)/python -m api.directory.build $(if $(DEMO),--demo)

api: setup-api ## start the offers API alone on 127.0.0.1:8000 (SQLite and demo data on first start)
	@echo "Offers API: http://$(API_HOST):$(API_PORT)/docs  (first start builds the database, a few seconds; Ctrl-C stops)"
	$(API_BIN)/uvicorn api.main:app --host $(API_HOST) --port $(API_PORT) --workers $(API_WORKERS) --no-access-log

run: api ## start the whole system (for now: the offers API; the bot follows in later issues)

lint: setup-api ## ruff
	$(API_BIN)/ruff check api tests bench
	$(API_BIN)/ruff format --check api tests bench

typecheck: setup-api ## mypy (strict) on the API
	$(API_BIN)/mypy

test-api: setup-api ## API tests against SQLite, PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379)
	$(API_BIN)/pytest tests/api

test: lint typecheck test-api ## everything CI runs

bench: setup-api ## search latency and throughput with 100,000 generated offers (see bench/README.md)
	$(API_BIN)/python bench/api_search.py

clean: ## remove environments, databases and caches
	rm -rf .venv var .pytest_cache .mypy_cache .ruff_cache .hypothesis
