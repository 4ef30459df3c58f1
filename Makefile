# Two commands on a fresh machine: `make site` and `make test`.
VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed

ZENSICAL := .venv-zensical/bin/zensical

.PHONY: install site test check lint bench browser clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## Build the sample sites into site/public and site/party.
site: install
	$(VENV)/bin/disclose check
	$(VENV)/bin/disclose build --all

check: install
	$(VENV)/bin/disclose check

## Debian's Chromium and CJK fonts for the browser tests (never a downloaded browser).
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/opentype/noto ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else \
	    echo "browser tests need Debian's chromium and fonts-noto-cjk: sudo apt-get install chromium fonts-noto-cjk" >&2; exit 1; \
	  fi; \
	fi

# Zensical (the Material team's successor) reads mkdocs.yml and ignores MkDocs plugins: the
# tests build the sample with it to show that an engine without our plugin publishes nothing.
# Its own venv: it pins other versions of Markdown extensions than Material does.
$(ZENSICAL):
	$(PYTHON) -m venv .venv-zensical
	.venv-zensical/bin/python -m pip install -q --disable-pip-version-check 'zensical==0.0.73'

test: install browser $(ZENSICAL)
	$(PY) -m pytest -q -p no:cacheprovider

lint: install
	$(VENV)/bin/ruff check site_plugins tests bench

bench: install
	$(PY) bench/run.py

clean:
	rm -rf site .pytest_cache test-artifacts .venv-zensical
