# Two commands on a fresh machine: `make site` and `make test`.
VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed

ZENSICAL := .venv-zensical/bin/zensical
# The other engines and themes the product supports (site_plugins/engine.py, README "Engines"):
# ProperDocs with no mkdocs package at all, and MkDocs with the MaterialX theme.
PROPERDOCS := .venv-properdocs/.installed
MATERIALX  := .venv-materialx/.installed

.PHONY: install site test test-properdocs check lint bench browser axe font clean messages

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

## axe-core for tests/test_accessibility.py, the version pinned in tests/js/package-lock.json (npm ci).
AXE := tests/js/node_modules/axe-core/axe.min.js
$(AXE): tests/js/package.json tests/js/package-lock.json
	cd tests/js && npm ci --no-audit --no-fund --loglevel=error
	touch $@

axe: $(AXE)

## The Mongolian web font theme/assets/fonts/NotoSansMongolian-Regular.woff2 (committed, 34 KB), rebuilt
## byte for byte from Debian's fonts-noto-core with fontTools (scripts/mongolian_font.py checks the
## source's sha256). A fresh clone needs none of this: the font is in the repository.
FONT_DEB := fonts-noto-core=20201225-1
font: install
	rm -rf $(VENV)/font-build && mkdir -p $(VENV)/font-build
	cd $(VENV)/font-build && apt-get download -q $(FONT_DEB) && dpkg-deb -x fonts-noto-core_*.deb deb
	$(PY) scripts/mongolian_font.py $(VENV)/font-build/deb/usr/share/fonts/truetype/noto/NotoSansMongolian-Regular.ttf theme/assets/fonts/NotoSansMongolian-Regular.woff2
	rm -rf $(VENV)/font-build

# Zensical (the Material team's successor) reads mkdocs.yml and ignores MkDocs plugins: the
# tests build the sample with it to show that an engine without our plugin publishes nothing.
# Its own venv: it pins other versions of Markdown extensions than Material does.
$(ZENSICAL):
	$(PYTHON) -m venv .venv-zensical
	.venv-zensical/bin/python -m pip install -q --disable-pip-version-check 'zensical==0.0.73'

# ProperDocs 1.6.7 in place of MkDocs: our package and its tests, then the mkdocs package
# removed (Material's `mkdocs.*` imports are answered by ProperDocs' own modules).
$(PROPERDOCS): pyproject.toml
	test -x .venv-properdocs/bin/python || $(PYTHON) -m venv .venv-properdocs
	.venv-properdocs/bin/python -m pip install -q --disable-pip-version-check -e '.[test]' 'properdocs==1.6.7'
	.venv-properdocs/bin/python -m pip uninstall -q -y mkdocs
	touch $@

# MaterialX 10.2.2 (a maintained fork of Material, theme name `materialx`): it installs its own
# `material` package, so it has its own venv, with our dependencies but Material.
$(MATERIALX): pyproject.toml
	test -x .venv-materialx/bin/python || $(PYTHON) -m venv .venv-materialx
	$(PYTHON) -c "import tomllib; print('\n'.join(d for d in tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies'] if not d.startswith('mkdocs-material')))" > .venv-materialx/requirements.txt
	.venv-materialx/bin/python -m pip install -q --disable-pip-version-check 'mkdocs-materialx==10.2.2' -r .venv-materialx/requirements.txt
	.venv-materialx/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

test: install browser $(AXE) $(ZENSICAL) $(PROPERDOCS) $(MATERIALX) lint
	$(PY) -m pytest -q -p no:cacheprovider

## The whole suite again on ProperDocs with no mkdocs package (CI runs both: .ci/run).
test-properdocs: browser $(AXE) $(ZENSICAL) $(PROPERDOCS) $(MATERIALX)
	.venv-properdocs/bin/python -m pytest -q -p no:cacheprovider

## ruff (lint and format) and mypy (strict on the core: pyproject.toml [tool.mypy]); make test runs it first.
lint: install
	$(VENV)/bin/ruff check site_plugins tests bench scripts
	$(VENV)/bin/ruff format --check site_plugins tests bench scripts
	$(VENV)/bin/mypy

bench: install
	$(PY) bench/run.py

clean:
	rm -rf site .pytest_cache test-artifacts .venv-zensical .venv-properdocs .venv-materialx tests/js/node_modules

## The tools' messages (site_plugins/i18n.py): extract every _() of site_plugins into the template,
## merge it into the Chinese catalog (new messages empty: translate them — tests/test_i18n.py fails
## on an empty or fuzzy one) and compile the .mo the package reads.
LOCALE := site_plugins/locale
messages: install
	$(VENV)/bin/pybabel -q extract -F babel.cfg -k _n:1,2 -k N_ --no-location --sort-output --omit-header -o $(LOCALE)/disclose.pot site_plugins
	$(VENV)/bin/pybabel -q update -i $(LOCALE)/disclose.pot -d $(LOCALE) -D disclose -l zh_CN --no-fuzzy-matching --ignore-obsolete
	$(VENV)/bin/pybabel -q compile -d $(LOCALE) -D disclose -l zh_CN
