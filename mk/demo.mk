# `make run`: the live demo (scripts/run-demo.sh): durable local database, migrations, the
# emulators, the API with its pages, the worker, and the demo's tenants. Ctrl-C stops it all.
.PHONY: run

run: db migrate
	@scripts/run-demo.sh
