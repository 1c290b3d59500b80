# `make test-browser` (part of `make test`): the server-rendered pages in headless Chromium via
# Selenium (scripts/browser/test_pages.py), against its own service, worker and emulators on free
# ports and a fresh database. Installs Debian's chromium and chromium-driver when missing, and
# selenium into the project's virtualenv. Screenshots: .artifacts/screenshots/.
TEST_EXTRAS += test-browser
BROWSER_VENV := .venv
# 4.52.0 needs a certifi newer than the package index holds.
SELENIUM_VERSION := 4.51.0

.PHONY: test-browser browser-packages

browser-packages:
	@missing=""; for package in chromium chromium-driver; do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "test-browser: installing$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-upgrade $$missing >/dev/null; \
	fi

$(BROWSER_VENV)/.selenium-$(SELENIUM_VERSION):
	@python3 -m venv $(BROWSER_VENV) 2>/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-upgrade python3-venv >/dev/null && python3 -m venv $(BROWSER_VENV); }
	$(BROWSER_VENV)/bin/pip install -q "selenium==$(SELENIUM_VERSION)"
	touch $@

test-browser: db-fast migrate browser-packages $(BROWSER_VENV)/.selenium-$(SELENIUM_VERSION)
	@$(DBENV); $(BROWSER_VENV)/bin/python scripts/browser/test_pages.py
