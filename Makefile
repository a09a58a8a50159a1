# hyperv.azlocal — the two commands: `make demo` and `make test` (see README.md).
.PHONY: demo test lint clean help mutation

help:
	@echo "make demo   - create .venv, install the collection, run the main job on the sample inventory"
	@echo "make test   - every quality gate with a PASS/FAIL summary (GATES=\"unit powershell\" for a subset)"
	@echo "make lint   - ansible-lint from the repository root (production profile, offline)"
	@echo "make clean  - remove .venv, build output and test output"
	@echo "make mutation MODULE=_vms - mutation run over one plugin_utils module, by hand (tests/README.md)"

demo:
	@bash tools/demo.sh

test:
	@GATES="$(GATES)" bash tools/gates.sh

lint:
	@bash tools/lint.sh

mutation:
	@python3 tools/mutation.py $(MODULE)

clean:
	rm -rf .mutation .venv collections build tests/output .ansible .pytest_cache .hypothesis .coverage
