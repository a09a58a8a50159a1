"""The chain tests run the PowerShell collectors (or read their output), so they are opt-in for plain pytest.

They run when HVAZLOCAL_CHAIN_TESTS=1 or HVAZLOCAL_COLLECTOR_OUTPUT is set; the pwsh-e2e gate of `make test`
sets both, after running every collector through ansible-playbook. Otherwise pytest lists them as deselected,
saying how to run them.
"""
import os

import pytest

ENABLE = ("HVAZLOCAL_CHAIN_TESTS", "HVAZLOCAL_COLLECTOR_OUTPUT")
HOW = ("chain tests deselected: they run PowerShell 7; `make test GATES=pwsh-e2e`, or HVAZLOCAL_CHAIN_TESTS=1 "
       "pytest tests/unit/chain (or HVAZLOCAL_COLLECTOR_OUTPUT=<run_e2e.py output>)")


def _enabled():
    return any(os.environ.get(name) for name in ENABLE)


def pytest_collection_modifyitems(config, items):
    if _enabled():
        return
    here = os.path.dirname(os.path.abspath(__file__))
    chain = [item for item in items if str(item.fspath).startswith(here + os.sep)]
    if chain:
        items[:] = [item for item in items if item not in chain]
        config.hook.pytest_deselected(items=chain)
        config.stash[_NOTE] = len(chain)


_NOTE = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, config):
    count = config.stash.get(_NOTE, 0)
    if count:
        terminalreporter.write_line("%d %s" % (count, HOW))
