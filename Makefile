# Two commands do all set-up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

AXE    := $(VENV)/node/node_modules/axe-core/axe.min.js
CHROMIUM := /usr/bin/chromium
APT    := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium

.PHONY: site test serve check clean browser screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## Build the site from seeds/ into site/.
site: $(STAMP)
	$(BIN)/chronicle build

## Debian's Chromium for the browser tests (Playwright's own browser download does not
## work here), installed with apt-get where this runs as root; else those tests skip.
browser:
	@test -x $(CHROMIUM) || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  { $(APT) >/dev/null 2>&1 || { apt-get update -qq && $(APT) >/dev/null; }; }; } || \
	  echo "chromium could not be installed: the browser tests will be skipped"

## axe-core, from the npm registry, which the browser tests inject into pages: required.
$(AXE):
	npm install --silent --no-save --no-package-lock --prefix $(VENV)/node axe-core@4.14.1

## Validate the seeds, run the linters, the type checker and the test suite (browser tests
## included).
test: $(STAMP) browser $(AXE)
	$(BIN)/chronicle check
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy
	$(BIN)/pytest -n 2

## Screenshots of what readers see, at desktop and phone widths, into screenshots/.
screenshots: site browser
	@test -x $(CHROMIUM) || { echo "screenshots need $(CHROMIUM)"; exit 1; }
	$(BIN)/python tests/browsing.py site screenshots

## Serve the site locally with live reload.
serve: $(STAMP)
	$(BIN)/chronicle serve

## Validate seeds and their metadata without building.
check: $(STAMP)
	$(BIN)/chronicle check

clean:
	rm -rf site .cache screenshots
