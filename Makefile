# The two commands: `make run` builds the warehouse from the bundled sample reports, `make test` runs
# every test. Both install into .venv first when needed.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install run test ui eval bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

run: $(STAMP)
	$(BIN)/ogi run

test: $(STAMP)
	$(BIN)/python -m pytest

ui: $(STAMP)
	$(BIN)/ogi ui

eval: $(STAMP)
	$(BIN)/ogi eval ../shared/seeds
	$(BIN)/ogi eval ../shared/corpus

bench: $(STAMP)
	$(BIN)/python bench/extract_bench.py

clean:
	rm -rf data dbt_project/target dbt_project/logs
