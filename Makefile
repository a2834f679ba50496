# Remit: `make run` to try it, `make test` to check it.
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
# Test processes: `auto` is one per CPU; `make test WORKERS=0` runs in this process alone.
WORKERS ?= auto

.DEFAULT_GOAL := help
.PHONY: help setup assets run test e2e lint bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed ## Build the CSS and JavaScript
	npm run --silent build

setup: $(BIN)/.installed assets ## Install Python and npm dependencies, build assets

run: setup ## Set up, migrate, load the West Midlands demo and serve it on :8000
	mkdir -p var
	$(BIN)/remit migrate
	$(BIN)/remit demo
	$(BIN)/remit serve

test: setup ## Run the whole test suite in parallel (browser tests too when Chromium is installed)
	$(BIN)/pytest -n $(WORKERS) --dist loadscope --durations=20

e2e: setup ## Run only the browser tests
	$(BIN)/pytest -m e2e

lint: setup ## ruff (lint and format), mypy, the import layers (ADR 9) and missing migrations
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	DATABASE_URL=sqlite:///:memory: DJANGO_SETTINGS_MODULE=remit.settings $(BIN)/django-admin makemigrations --check --dry-run

bench: setup ## Run every benchmark once and write their figures and the goals table in docs/ (slow)
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/run_all.py

clean: ## Remove the virtualenv, node_modules and built assets
	rm -rf $(VENV) node_modules src/remit/ui/static/ui/build
