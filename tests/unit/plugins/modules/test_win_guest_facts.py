"""The Windows implementation (win_guest_facts.ps1) against the Python one: same rule tables, same keys, same docs.

No machine of this project runs PowerShell, so the .ps1 is read as a syntax tree (tree-sitter): its literal
tables must equal the Python ones, and every key of the document the Python side builds must be written by
the .ps1. How Ansible picks the implementation for a connection is checked with ansible-core's own loader.
"""
import ast
import json
import os
import subprocess
import sys

import pytest
import yaml

from ansible_collections.hyperv.azlocal.plugins.module_utils import _guest

from ...contract import ROOT, collector_path, emitted_keys

pytest.importorskip("tree_sitter")

# tools/ps_argspec_check.py, on sys.path through contract: its tree-sitter evaluator of PowerShell literals.
import ps_argspec_check  # noqa: E402  pylint: disable=wrong-import-position,import-error

PS1 = collector_path("win_guest_facts")
MODULES = os.path.join(ROOT, "plugins", "modules")


def ps_literal(variable):
    """Evaluate the literal assigned to $variable in win_guest_facts.ps1 (hashtable keys come back lower-case)."""
    with open(PS1, "rb") as handle:
        src = handle.read()
    stack = [ps_argspec_check.PARSER.parse(src).root_node]
    while stack:
        node = stack.pop()
        if node.type == "assignment_expression":
            if ps_argspec_check.text(node.named_children[0], src).strip().lower() == "$" + variable.lower():
                return ps_argspec_check.evaluate(node.named_children[-1], src)
        stack.extend(reversed(node.named_children))
    raise AssertionError("$%s not assigned in %s" % (variable, PS1))


def module_docs(name):
    with open(os.path.join(MODULES, name + ".py"), encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    return dict((node.targets[0].id, yaml.safe_load(node.value.value)) for node in tree.body
                if isinstance(node, ast.Assign) and node.targets[0].id in ("DOCUMENTATION", "RETURN"))


def test_rule_tables_are_the_python_ones():
    rules = ps_literal("guestRules")
    assert list(rules) == list(_guest.RULE_ORDER)  # [ordered]: evaluated in the same order
    assert rules == _guest.RULES


def test_windows_services_map_is_the_python_one():
    expected = {}
    for service, where in _guest.INTEGRATION_SERVICES.items():
        for name in where["windows"]:
            expected.setdefault(name, []).append(service)
    assert ps_literal("windowsServices") == expected


def test_kvp_value_names_are_the_python_ones():
    assert ps_literal("kvpKeys") == {"host": dict(_guest.KVP_HOST_KEYS), "vm": dict(_guest.KVP_VM_KEYS)}


def test_signals_are_the_python_ones_in_order():
    signals = ps_literal("signals")
    assert list(signals) == list(_guest.SIGNALS)
    # what Windows cannot observe is null, not guessed
    unobserved = [name for name, value in signals.items() if value is None]
    assert unobserved == ["vmbus_devices", "container", "cpu_hypervisor_flag"]


def test_every_probe_names_its_source():
    assert set(ps_literal("probes")) == set(ps_literal("probeSources"))


def _document_keys(value, skip_children_of=("sources",), sample_children_of=("integration_services",)):
    keys = set()
    if isinstance(value, dict):
        for key, child in value.items():
            keys.add(key)
            if key in skip_children_of:
                continue
            if key in sample_children_of:
                for entry in child.values():
                    keys |= _document_keys(entry)
                continue
            keys |= _document_keys(child)
    return keys


def test_the_ps1_writes_every_key_of_the_python_document():
    facts, _warnings = _guest.build_linux_facts({
        "kvp": {"source": "/var/lib/hyperv/.kvp_pool_3", "data": b"HostName".ljust(512, b"\x00") + b"H".ljust(2048, b"\x00")},
        "proc_modules": "", "processes": [],
    })
    wanted = _document_keys({"hyperv_guest": facts, "ansible_facts": None})
    assert {"is_hyperv_guest", "physical_name_fqdn", "provides", "matched", "problems", "kvp_host_data"} <= wanted
    missing = sorted(wanted - emitted_keys(PS1))
    assert missing == []


def test_both_modules_document_the_same_options_and_return_values():
    linux, windows = module_docs("guest_facts"), module_docs("win_guest_facts")
    assert windows["RETURN"] == linux["RETURN"]
    assert set(windows["DOCUMENTATION"]["options"]) == set(linux["DOCUMENTATION"]["options"]) == {"kvp_dir", "_root_dir"}
    for name, option in linux["DOCUMENTATION"]["options"].items():
        assert windows["DOCUMENTATION"]["options"][name]["type"] == option["type"]
    assert windows["DOCUMENTATION"]["extends_documentation_fragment"] == linux["DOCUMENTATION"]["extends_documentation_fragment"]


RETURN_TYPES = {"bool": bool, "str": str, "int": int, "dict": dict, "list": list}


def _check_documented(value, contains, path):
    for key, child in value.items():
        assert key in contains, "%s%s is returned but not in RETURN" % (path, key)
        spec = contains[key]
        if child is not None:
            assert isinstance(child, RETURN_TYPES[spec["type"]]), path + key
        if "contains" in spec and key == "integration_services":  # a dict of components, each documented alike
            for name, entry in child.items():
                _check_documented(entry, spec["contains"], "%s%s.%s." % (path, key, name))
        elif "contains" in spec and isinstance(child, list):
            for index, entry in enumerate(child):
                _check_documented(entry, spec["contains"], "%s%s[%d]." % (path, key, index))
        elif "contains" in spec:
            _check_documented(child, spec["contains"], path + key + ".")


@pytest.mark.parametrize("observed", [
    {},
    {"dmi": {"sys_vendor": "Microsoft Corporation", "product_name": "Virtual Machine", "bios_date": "05/13/2024"},
     "firmware_entries": ["efi"], "proc_modules": "hv_vmbus 1 0 - Live 0x0\n", "processes": ["hv_kvp_daemon"],
     "kvp": {"source": "/var/lib/hyperv/.kvp_pool_3", "data": b"HostName".ljust(512, b"\x00") + b"H".ljust(2048, b"\x00")}},
])
def test_return_documents_every_key_the_module_returns(observed):
    facts, _warnings = _guest.build_linux_facts(observed)
    # errors is always empty on Linux: check the documented shape with an entry as the Windows runner writes it
    errors = [{"probe": "enclosure", "message": "Access denied", "type": "CimException"}]
    _check_documented({"ansible_facts": {"hyperv_guest": facts}, "errors": errors},
                      module_docs("guest_facts")["RETURN"], "")


LOADER_PROBE = r"""
import json, sys
from ansible.plugins.loader import init_plugin_loader, module_loader
init_plugin_loader([])
found = {}
for prefs in (('',), ('.ps1', '.exe', '')):
    for mod_type in prefs:
        ctx = module_loader.find_plugin_with_context('hyperv.azlocal.guest_facts', mod_type)
        if ctx.resolved:
            found[prefs[0] or 'posix'] = ctx.plugin_resolved_path.rsplit('/', 1)[-1]
            break
print(json.dumps(found))
"""


def test_ansible_picks_python_on_posix_and_powershell_on_windows_connections():
    # Loader order (ansible-core plugins/loader.py): a connection asks for its module_implementation_preferences,
    # ('',) for local/ssh, ('.ps1', '.exe', '') for winrm/psrp. An extension-less request takes the first file
    # of sorted(glob('guest_facts.*')), and '.ps1' sorts before '.py': a guest_facts.ps1 here would be sent
    # to Linux hosts too. So the Windows code is win_guest_facts.ps1, reached through the plugin_routing entry
    # 'guest_facts.ps1' -> hyperv.azlocal.win_guest_facts in meta/runtime.yml (as ansible.builtin routes setup.ps1).
    assert not os.path.exists(os.path.join(MODULES, "guest_facts.ps1"))
    assert os.path.exists(PS1)
    proc = subprocess.run([sys.executable, "-c", LOADER_PROBE], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, check=False, env=dict(os.environ))
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    assert found["posix"] == "guest_facts.py"
    # Without the routing entry a PowerShell connection would get guest_facts.py, the Linux module: Windows
    # guests would fail with a Python error instead of getting their facts.
    assert found[".ps1"] == "win_guest_facts.ps1"


def test_collector_writes_collected_at():
    assert "collected_at" in emitted_keys(PS1)
