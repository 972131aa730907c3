# Targets named by the README. `./dev <target>` installs what is missing first.
VENV := .venv/bin
PY := $(VENV)/python

.PHONY: run test lint typecheck imports unit bench

run:
	$(VENV)/counterpart --config kiosk.toml $(ARGS)

lint:
	$(VENV)/ruff check app devices sync tests bench
	$(VENV)/ruff format --check app devices sync tests bench

typecheck:
	$(VENV)/mypy

imports:
	$(VENV)/lint-imports

unit:
	bash tests/run-pytest.sh $(ARGS)

test: lint typecheck imports unit

bench:
	$(PY) bench/store.py
	$(PY) bench/web.py
