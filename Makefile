# Familiennavi — the commands a developer and CI use. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYENV_ROOT ?= $(shell pyenv root 2>/dev/null || echo $(HOME)/.pyenv)
# Two environments: the offers API (pydantic 2, SQLAlchemy 2) and the bot (Rasa 3.6 pins pydantic 1 and
# SQLAlchemy 1.4, and needs Python 3.10).
API_PYTHON ?= $(PYENV_ROOT)/versions/3.11.7/bin/python3.11
BOT_PYTHON ?= $(PYENV_ROOT)/versions/3.10.13/bin/python3.10
API_BIN := .venv/api/bin
BOT_BIN := .venv/bot/bin
API_HOST ?= 127.0.0.1
API_PORT ?= 8000
API_WORKERS ?= 1
SPACY_MODEL := var/spacy/de_familiennavi
MODEL := models/familiennavi.tar.gz
TRAINING_DATA := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null)
# What endpoints.yml substitutes, for Rasa commands that read it (bot/tools/run.py has the same defaults).
ENDPOINT_DEFAULTS := ACTION_SERVER_URL="$${ACTION_SERVER_URL-http://127.0.0.1:5055/webhook}" \
	ACTION_SERVER_TOKEN="$${ACTION_SERVER_TOKEN-}" REDIS_URL="$${REDIS_URL-}" \
	TRACKER_EXPIRY_SECONDS="$${TRACKER_EXPIRY_SECONDS-3600}"
# Rasa's training cache, outside the checkout so that a fresh clone on the same machine (CI) reuses what an identical
# training already computed. Rasa keys its entries by the training data and the configuration; the crisis safety net
# adds the code it trains with (bot/nlu/safety_net.py, fingerprint_addon). Not in Rasa's keys: the installed packages
# and the spaCy pipeline, which Rasa knows by its path only. The directory is keyed by those two, so a change there
# starts an empty cache. Our other components learn nothing: they run from the code at each message.
RASA_CACHE_KEY := $(shell cat pyproject.toml bot/nlu/spacy_pipeline.py 2>/dev/null | sha256sum | cut -c1-16)
RASA_CACHE_ROOT ?= $(HOME)/.cache/familiennavi
export RASA_CACHE_DIRECTORY := $(RASA_CACHE_ROOT)/rasa-$(RASA_CACHE_KEY)
# Quieter TensorFlow; Rasa's telemetry off (it would try to reach the internet).
export TF_CPP_MIN_LOG_LEVEL := 2
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: help setup setup-api setup-bot run api build-db train test test-api test-bot test-nlu test-crisis test-stories \
        lint typecheck validate bench bench-bot clean

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

# The extras of pyproject.toml for each environment (in variables: a comma would split $(call ...)'s arguments).
API_EXTRAS := .[api,api-dev]
BOT_EXTRAS := .[bot,bot-dev]
# A long step prints one line and writes its output to var/log/<step>.log; on failure the end of that log.
LOGGED = mkdir -p var/log && log=var/log/$(1).log && echo "$(2) (log: $$log) ..." && \
	{ { $(3); } >$$log 2>&1 || { tail -n 30 $$log; echo "Failed: $(2). The whole output is in $$log."; exit 1; }; }

$(API_BIN)/uvicorn: pyproject.toml
	@test -x "$(API_PYTHON)" || { echo "Python 3.11 not found at $(API_PYTHON); set API_PYTHON=/path/to/python3.11"; exit 1; }
	@$(call LOGGED,setup-api,Setting up the offers API environment .venv/api (about 1 minute),\
		$(API_PYTHON) -m venv .venv/api && $(API_BIN)/pip install --upgrade pip && $(API_BIN)/pip install -e '$(API_EXTRAS)')
	@touch $@

$(BOT_BIN)/rasa: pyproject.toml
	@test -x "$(BOT_PYTHON)" || { echo "Python 3.10 not found at $(BOT_PYTHON); set BOT_PYTHON=/path/to/python3.10"; exit 1; }
	@$(call LOGGED,setup-bot,Setting up the bot environment .venv/bot with Rasa 3.6 (about 3 minutes),\
		$(BOT_PYTHON) -m venv .venv/bot && $(BOT_BIN)/pip install --upgrade pip && $(BOT_BIN)/pip install -e '$(BOT_EXTRAS)')
	@touch $@

setup-api: $(API_BIN)/uvicorn ## create the offers API environment (.venv/api)

setup-bot: $(BOT_BIN)/rasa ## create the bot environment (.venv/bot, Rasa 3.6)

setup: setup-api setup-bot

# Rasa's cache knows the pipeline by its path, not its content; a changed pipeline (a new tokenizer rule) changes
# bot/nlu/spacy_pipeline.py and with it RASA_CACHE_DIRECTORY.
$(SPACY_MODEL)/meta.json: $(BOT_BIN)/rasa bot/nlu/spacy_pipeline.py
	@$(call LOGGED,spacy,Building the German spaCy pipeline,$(BOT_BIN)/python -m bot.nlu.spacy_pipeline $(SPACY_MODEL))

data/nlu/lookups/towns.yml: api/data/directory/municipalities.csv api/data/directory/districts.csv bot/tools/town_lookup.py
	@$(call LOGGED,town-lookup,Writing the NLU's table of NRW towns,$(BOT_BIN)/python -m bot.tools.town_lookup)

# Trains only when the training data, the configuration or the code the crisis classifier trains with changed
# (data/crisis/ is among the training data; the code is safety_net.TRAINING_CODE). The crisis rules
# (bot/nlu/crisis.py) are not among them: they run from the code at each message.
CRISIS_TRAINING_CODE := bot/nlu/crisis_classifier.py bot/nlu/safety_net.py vocabulary/crisis.py vocabulary/names.py
$(MODEL): $(BOT_BIN)/rasa $(SPACY_MODEL)/meta.json data/nlu/lookups/towns.yml $(CRISIS_TRAINING_CODE) $(TRAINING_DATA)
	@find $(RASA_CACHE_ROOT) -maxdepth 1 -name 'rasa-*' ! -path '$(RASA_CACHE_DIRECTORY)' -exec rm -rf {} + 2>/dev/null || true
	@$(call LOGGED,train,Training the assistant (about 20 minutes; 2 with Rasa's cache),\
		$(BOT_BIN)/rasa train --fixed-model-name familiennavi --out models --quiet)

train: $(MODEL) ## train the assistant (only when data or config changed)

build-db: setup-api ## (re)build the NRW directory in the database; add DEMO=1 to reload demo offers
	$(API_BIN)/python -m api.directory.build $(if $(DEMO),--demo)

api: setup-api ## start the offers API alone on 127.0.0.1:8000 (SQLite and demo data on first start)
	@echo "Offers API: http://$(API_HOST):$(API_PORT)/docs  (first start builds the database, a few seconds; Ctrl-C stops)"
	$(API_BIN)/uvicorn api.main:app --host $(API_HOST) --port $(API_PORT) --workers $(API_WORKERS) --no-access-log

run: setup-api $(MODEL) ## start everything: offers API, action server, Rasa server (Ctrl-C stops all)
	$(BOT_BIN)/python -m bot.tools.run

lint: setup-api ## ruff
	$(API_BIN)/ruff check api actions bot vocabulary tests bench
	$(API_BIN)/ruff format --check api actions bot vocabulary tests bench

typecheck: setup-api ## mypy (strict) on the API
	$(API_BIN)/mypy

validate: $(BOT_BIN)/rasa data/nlu/lookups/towns.yml ## rasa data validate
	$(BOT_BIN)/python -m bot.tools.validate

test-api: setup-api ## API tests against SQLite, PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379); deploy/ offline
	$(API_BIN)/pytest tests/api tests/deploy

AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --silent
	@touch $@

# One pytest session, so the whole system (API, actions, Rasa with the model) starts once for all of them.
test-bot: setup-api $(MODEL) $(AXE) ## actions, routing, crisis net, texts; the model over REST, Telegram, WhatsApp; widget in Chromium
	$(BOT_BIN)/pytest tests/actions tests/bot tests/channels tests/browser

test-stories: $(MODEL) ## rasa test core on the test stories; fails on any wrong prediction
	$(ENDPOINT_DEFAULTS) $(BOT_BIN)/rasa test core --stories tests/stories --model $(MODEL) --fail-on-prediction-errors --out var/results/core

test-nlu: $(MODEL) ## intent and entity F1 on the held-out test set (report in var/results/nlu)
	$(BOT_BIN)/python -m bot.tools.evaluate_nlu --model $(MODEL) --out var/results/nlu

test-crisis: $(MODEL) ## crisis recall and false alarms on the held-out sets (report in var/results/crisis)
	$(BOT_BIN)/python -m bot.tools.evaluate_crisis --model $(MODEL) --out var/results/crisis --first-messages --languages

# The checks that need no model run beside the training (on a fresh machine the train takes about 15 minutes and
# leaves part of the second core idle); then the tests of the running system alone, since they time answers and
# start services of their own; then the two offline evaluations of the model side by side.
test: ## everything CI runs
	@$(MAKE) --no-print-directory -j2 --output-sync=target lint typecheck test-api validate $(MODEL)
	@$(MAKE) --no-print-directory test-bot
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-stories test-nlu

bench: setup-api ## offers API: search latency and throughput with 100,000 generated offers
	$(API_BIN)/python bench/api_search.py

bench-bot: $(MODEL) ## bot: train time, model size, per-message time
	$(BOT_BIN)/python bench/bot_speed.py

clean: ## remove environments, databases, models and caches
	rm -rf .venv var models .rasa .pytest_cache .mypy_cache .ruff_cache .hypothesis test-artifacts tests/browser/node_modules \
		$(RASA_CACHE_ROOT)
