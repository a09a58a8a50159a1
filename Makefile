# hyperv.azlocal — the two commands: `make demo` and `make test` (see README.md).
.PHONY: demo test lint clean help

help:
	@echo "make demo   - create .venv, install the collection, run the main job on the sample inventory"
	@echo "make test   - every quality gate with a PASS/FAIL summary (GATES=\"unit powershell\" for a subset)"
	@echo "make lint   - ansible-lint from the repository root (production profile, offline)"
	@echo "make clean  - remove .venv, build output and test output"

demo:
	@bash tools/demo.sh

test:
	@GATES="$(GATES)" bash tools/gates.sh

lint:
	@bash tools/lint.sh

clean:
	rm -rf .venv collections build tests/output .ansible .pytest_cache .hypothesis .coverage
