# The two commands a newcomer needs:  make demo   and   make test
# Both create .venv and install everything on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test setup assets gazetteer clean

setup: $(STAMP) assets

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

assets: $(STAMP)
	bash scripts/build_web_assets.sh

# Village-level geocoding needs the GeoNames dumps: downloaded where a network
# exists, else imported from GEONAMES_DIR if you have the files locally.
gazetteer: $(STAMP)
	bash scripts/gazetteer.sh

demo: setup gazetteer
	$(BIN)/sahelwatch demo

test: setup
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) sahelwatch-demo.duckdb src/sahelwatch/web/static/vendor
