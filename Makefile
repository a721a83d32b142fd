# Pillar: `make serve` to see the sample site, `make test` to run every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CHROMIUM ?= /usr/bin/chromium-headless-shell
CHROMIUM_WHOLE ?= /usr/bin/chromium
PORT ?= 8000

.PHONY: install site serve test chromium golden translations clean

$(STAMP): pyproject.toml package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; fi
	touch $(STAMP)

# Pillar's modules compiled, as pip compiles those of a package it installs (Pelican's among them).
# An editable install is not compiled, and where PYTHONDONTWRITEBYTECODE is set (our CI machines) no
# run of `pillar` writes what it compiled: each would compile them again, about 0.1 s of CPU a run
# (the tests run `pillar` some 200 times; `pillar bench` compares a build with Pelican's).
install: $(STAMP)
	$(BIN)/python -m compileall -q plugins

site: install
	$(BIN)/pillar build

serve: site
	@echo "Serving the site at http://localhost:$(PORT) (Ctrl-C to stop)"
	$(BIN)/python -m http.server --bind localhost --directory output $(PORT)

# Browser tests drive Debian's Chromium in its headless shell (the package chromium-headless-shell:
# the same Chromium without a window, as Playwright runs headless Chromium; it takes less than half
# the CPU of the whole browser run headless), and the whole browser (chromium) for the service worker's
# updates, which the shell sometimes holds back. Install them when missing and we may.
chromium:
	@if [ ! -x $(CHROMIUM) ] || [ ! -x $(CHROMIUM_WHOLE) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-headless-shell fonts-dejavu-core; \
	  else \
	    echo "Browser tests need Chromium at $(CHROMIUM) and $(CHROMIUM_WHOLE): run 'sudo apt-get install chromium chromium-headless-shell' (or set CHROMIUM=… CHROMIUM_WHOLE=…)"; exit 1; \
	  fi; \
	fi

# Two processes (one per core), each taking whole test files, so a file's fixtures are built once.
test: install chromium
	CHROMIUM=$(CHROMIUM) CHROMIUM_WHOLE=$(CHROMIUM_WHOLE) $(BIN)/python -m pytest -n 2 --dist loadfile

# Rebuild the committed golden site after an intended change to the output.
golden: install
	$(BIN)/pillar build --full -s tests/golden/site/pelicanconf.py -o tests/golden/output
	rm -rf tests/golden/output/vendor tests/golden/output/theme

# Add new strings from the templates and Pillar's labels to each catalog, then translate them.
translations: install
	$(BIN)/python -m pillar.site.translations update theme es

clean:
	rm -rf output .output.*
