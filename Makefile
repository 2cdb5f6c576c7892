# Two commands do all set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test serve check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## Build the site from seeds/ into site/.
site: $(STAMP)
	$(BIN)/chronicle build

## Validate the seeds, run the linters and the test suite.
test: $(STAMP)
	$(BIN)/chronicle check
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/pytest -n 2

## Serve the site locally with live reload.
serve: $(STAMP)
	$(BIN)/chronicle serve

## Validate seeds and their metadata without building.
check: $(STAMP)
	$(BIN)/chronicle check

clean:
	rm -rf site .cache
