# The SMTP client's tests (Tests/SMTPTests) run a real SMTP server: aiosmtpd from PyPI, driven by
# scripts/smtp/peer.py in the project virtualenv, with certificates made by the openssl CLI.
# `make smtp-sink` runs the same peer as a local SMTP server that keeps what it receives.
VENV ?= .venv
AIOSMTPD_VERSION := 1.4.6
SMTP_SINK ?= .local/smtp-sink
SMTP_SINK_PORT ?= 2525

.PHONY: smtp-venv smtp-openssl smtp-sink

$(VENV)/.aiosmtpd-$(AIOSMTPD_VERSION):
	@python3 -m venv $(VENV) 2>/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-upgrade python3-venv >/dev/null && python3 -m venv $(VENV); }
	$(VENV)/bin/pip install -q "aiosmtpd==$(AIOSMTPD_VERSION)"
	touch $@

smtp-openssl:
	@command -v openssl >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-upgrade openssl >/dev/null; }

smtp-venv: $(VENV)/.aiosmtpd-$(AIOSMTPD_VERSION) smtp-openssl

# The Swift tests start the peer themselves; this only makes sure it can run.
test-swift: smtp-venv

smtp-sink: smtp-venv
	$(VENV)/bin/python scripts/smtp/peer.py --sink $(SMTP_SINK) --port $(SMTP_SINK_PORT)
