# coopanalysis: `make help` lists the targets. Everything runs in .venv/, built from the
# exact versions in constraints.txt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP_INSTALL := PIP_CONSTRAINT=$(CURDIR)/constraints.txt $(BIN)/python -m pip install --quiet --disable-pip-version-check

.DEFAULT_GOAL := help
.PHONY: help report report-corpus corpus test lint check verify notebooks lab bench evaluate docs screenshots lock clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "coopanalysis needs Python 3.11 or newer; set PYTHON=python3.11 (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) pip

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(PIP_INSTALL) -e '.[test]'
	@touch $@

$(VENV)/.installed-lab: $(VENV)/.installed
	$(PIP_INSTALL) -e '.[test,lab]'
	@touch $@

report: $(VENV)/.installed ## Run the report notebooks with papermill into outputs/
	$(BIN)/coopanalysis run

corpus: $(VENV)/.installed ## Fetch the texts of every corpus under corpora/ (not in git) from their sources, checked against their checksums
	$(BIN)/coopanalysis fetch

report-corpus: corpus ## Pool seeds/ and corpora/news/, vi/ and national/ (85 articles) into outputs-corpus/ (not committed: it holds the texts)
	$(BIN)/coopanalysis check --corpus seeds --corpus corpora/news --corpus corpora/vi --corpus corpora/national
	$(BIN)/coopanalysis run --corpus seeds --corpus corpora/news --corpus corpora/vi --corpus corpora/national --out outputs-corpus

verify: $(VENV)/.installed ## Rerun everything in a temporary directory and compare with outputs/
	$(BIN)/coopanalysis verify

notebooks: $(VENV)/.installed ## Re-execute notebooks/ in place after an intended data or code change
	$(BIN)/coopanalysis notebooks

# tests/ on one worker per core (TEST_JOBS=0: all in this process), a module's tests on one worker
# (so a module-scoped run is made once); then nbval on notebooks/ in one process, each notebook's cells in one kernel.
TEST_JOBS ?= auto
test: $(VENV)/.installed ## Run the whole test suite: unit tests in parallel, then nbval on notebooks/
	$(BIN)/python -m pytest -n $(TEST_JOBS) --dist loadfile tests
	$(BIN)/python -m pytest notebooks

$(VENV)/.installed-lint: $(VENV)/.installed
	$(PIP_INSTALL) -e '.[test,lint]'
	@touch $@

LINTED := src tests bench docs

lint: $(VENV)/.installed-lint ## Ruff (lint, then format --check) on the code and mypy on src/: each runs, any finding fails
	@status=0; \
	$(BIN)/ruff check $(LINTED) || status=1; \
	$(BIN)/ruff format --check $(LINTED) || status=1; \
	$(BIN)/mypy || status=1; \
	exit $$status

check: $(VENV)/.installed ## Validate the seed tables (quotes, numbers, vocabulary, coverage)
	$(BIN)/coopanalysis check

lab: $(VENV)/.installed-lab ## Open JupyterLab on notebooks/ with the package importable (links to quotes open outputs/articles/)
	$(BIN)/jupyter lab --notebook-dir=. --ServerApp.default_url=/lab/tree/notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

$(VENV)/.installed-bench: $(VENV)/.installed
	$(PIP_INSTALL) -e '.[test,bench]'
	@touch $@

# Each benchmark's output is kept in bench/results/<name>.txt (the documentation shows it), replaced
# only when the benchmark succeeds. `make bench BENCHMARKS=indicators_benchmark` runs chosen ones.
BENCHMARKS := extract_benchmark linear_benchmark shapes_benchmark indicators_benchmark scale_benchmark report_run_benchmark profile_benchmark

bench: SHELL := /bin/bash
bench: .SHELLFLAGS := -o pipefail -c
bench: $(VENV)/.installed-bench ## Benchmarks: extractor vs quantulum3, linear time 1-16 MB, indicators 1k-136k figures, 1k-10k articles to profiles, report runs, a profile's cells (tens of minutes); output in bench/results/
	@mkdir -p bench/results
	@for name in $(BENCHMARKS); do \
		{ $(BIN)/python -c 'import os; print(f"# {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start")' && \
		  $(BIN)/python bench/$$name.py; } | tee bench/results/$$name.txt.part && \
		mv bench/results/$$name.txt.part bench/results/$$name.txt || { rm -f bench/results/$$name.txt.part; exit 1; }; \
	done

evaluate: $(VENV)/.installed ## Score the extractor on every set (needs ../shared/); output in bench/results/evaluation.txt
	@mkdir -p bench/results
	$(BIN)/coopanalysis extract --evaluate > bench/results/evaluation.txt.part && \
		mv bench/results/evaluation.txt.part bench/results/evaluation.txt || { rm -f bench/results/evaluation.txt.part; exit 1; }
	@cat bench/results/evaluation.txt

$(VENV)/.installed-docs: $(VENV)/.installed
	$(PIP_INSTALL) -e '.[test,docs]'
	@touch $@

docs: $(VENV)/.installed-docs ## Build the documentation site into site/ (strict: a broken link or page fails; works offline)
	NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true $(BIN)/mkdocs build --strict --quiet
	@echo "built site/: open site/index.html"

screenshots: $(VENV)/.installed ## Retake the documentation's screenshots of outputs/ in headless Chromium
	$(BIN)/python docs/screenshots.py

lock: ## Re-resolve the newest versions into constraints.txt (then run make test)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip setuptools
	.lock-venv/bin/python -m pip install --quiet -e '.[test,lab,bench,docs,lint]'
	{ sed -n '1,2p' constraints.txt; .lock-venv/bin/python -m pip freeze --all --exclude-editable | sort -f; } > constraints.txt.new
	mv constraints.txt.new constraints.txt && rm -rf .lock-venv

clean: ## Remove the virtual environment and caches (outputs/ is kept)
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache .ruff_cache src/*.egg-info
