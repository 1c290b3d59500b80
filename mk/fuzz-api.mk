# `make fuzz-api`: schemathesis (PyPI, in the project's virtualenv) against openapi.yaml and the
# running service with an agency key; fails on any 5xx or any answer the document contradicts.
# FUZZ_API_EXAMPLES (default 25) sets the examples per operation.
SCHEMATHESIS_VERSION := 4.32.5

.PHONY: fuzz-api

$(VENV)/.schemathesis-$(SCHEMATHESIS_VERSION):
	@python3 -m venv $(VENV) 2>/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-upgrade python3-venv >/dev/null && python3 -m venv $(VENV); }
	$(VENV)/bin/pip install -q "schemathesis==$(SCHEMATHESIS_VERSION)"
	touch $@

fuzz-api: db-fast build $(VENV)/.schemathesis-$(SCHEMATHESIS_VERSION)
	@$(DBENV); scripts/fuzz-api.sh $(VENV)
