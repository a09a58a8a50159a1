"""Options declared once: the action plugins validate the options they handle on the controller against the module's
DOCUMENTATION, and send the collector only options its Ansible.Basic spec accepts.

The .ps1 specs are read statically (tools/ps_argspec_check.py's evaluator), the spec the probe runner merges in
(Get-HvAzLocalProbeSpec) included.
"""
import copy
import sys
from pathlib import Path
from unittest.mock import MagicMock

import pytest
import yaml
from ansible.errors import AnsibleActionFail
from ansible.playbook.task import Task

from ansible_collections.hyperv.azlocal.plugins.action import assert_identical as assert_action
from ansible_collections.hyperv.azlocal.plugins.action.cluster_info import ActionModule as ClusterInfoAction
from ansible_collections.hyperv.azlocal.plugins.action.vm_info import ActionModule as VmInfoAction
from ansible_collections.hyperv.azlocal.plugins.modules import assert_identical, cluster_info, vm_info

pytest.importorskip("tree_sitter")

ROOT = Path(__file__).resolve().parents[4]
sys.path.insert(0, str(ROOT / "tools"))
import ps_argspec_check  # noqa: E402  pylint: disable=wrong-import-position,import-error


def ps1_options(name):
    """Option names the collector's Ansible.Basic spec accepts: its $spec and the specs it merges from module_utils
    (Create($args, $spec, @(Get-HvAzLocalProbeSpec)))."""
    path = ROOT / "plugins" / "modules" / (name + ".ps1")
    src = ps_argspec_check.read_source(path)
    own = ps_argspec_check.find_spec(ps_argspec_check.PARSER.parse(src), src)["options"]
    merged, reason = ps_argspec_check.extra_specs(path, src)
    assert reason is None and [spec_name for spec_name, _spec in merged] == ["Get-HvAzLocalProbeSpec"]
    return set(own).union(*(spec["options"] for _name, spec in merged))


def documented(module):
    return yaml.safe_load(module.DOCUMENTATION)["options"]


def sent_args(cls, args, monkeypatch, module_result):
    task = MagicMock(Task)
    task.args = args
    task.async_val = 0
    task.check_mode = False
    task.action = cls.MODULE
    connection = MagicMock()
    connection._shell.tmpdir = "remote-tmp"
    action = cls(task, connection, MagicMock(), loader=None, templar=None, shared_loader_obj=None)
    calls = []

    def execute_module(module_name=None, module_args=None, task_vars=None, **kwargs):
        calls.append(module_args)
        return copy.deepcopy(module_result)

    monkeypatch.setattr(action, "_execute_module", execute_module)
    return action, calls


# (action, module docs, collector, every documented option with a valid value, a recorded collector result)
ACTIONS = [
    (VmInfoAction, vm_info, "vm_info",
     {"name": ["web*"], "state": ["Running"], "include": ["hard_drives"], "cluster_groups": False,
      "probe_timeout": 60, "strict": True}, "vm_info/azurelocal_node.json"),
    (ClusterInfoAction, cluster_info, "cluster_info",
     {"require_cluster": False, "node_facts": {}, "probe_timeout": 60, "strict": True},
     "cluster_info/azurelocal_3node.json"),
]


@pytest.mark.parametrize("cls, docs, collector, args, sample", ACTIONS, ids=[a[2] for a in ACTIONS])
def test_the_collector_gets_every_option_but_the_controller_ones_and_accepts_them(
        load_data, monkeypatch, cls, docs, collector, args, sample):
    options = set(documented(docs)) | {"probe_timeout", "strict"}
    assert set(args) == options  # the case gives every documented option
    action, calls = sent_args(cls, dict(args), monkeypatch, load_data(sample))
    action.run(task_vars={"inventory_hostname": "h1"})
    sent = set(calls[0])
    assert sent == options - set(cls.CONTROLLER_OPTIONS)
    assert sent <= ps1_options(collector)  # Ansible.Basic fails on an option its spec does not have


@pytest.mark.parametrize("cls, docs, option, bad", [
    (VmInfoAction, vm_info, "state", {"a": 1}),
    (ClusterInfoAction, cluster_info, "require_cluster", "maybe"),
])
def test_controller_options_are_validated_as_documented(load_data, monkeypatch, cls, docs, option, bad):
    assert option in cls.CONTROLLER_OPTIONS and option in documented(docs)
    action, calls = sent_args(cls, {option: bad}, monkeypatch, {})
    with pytest.raises(AnsibleActionFail, match="%s: .*%s" % (cls.MODULE, option)):
        action.run(task_vars={})
    assert calls == []


def test_vm_info_state_default_comes_from_the_documentation(load_data, monkeypatch):
    """The documented default (every state) is the one the controller applies."""
    assert documented(vm_info)["state"]["default"] == []
    action, _calls = sent_args(VmInfoAction, {}, monkeypatch, load_data("vm_info/azurelocal_node.json"))
    result = action.run(task_vars={})
    assert len({vm["state"] for vm in result["vms"]}) > 1


def test_assert_identical_validates_against_its_documentation():
    options = documented(assert_identical)
    assert set(assert_action.ARGUMENT_SPEC) == set(options)
    for name, option in options.items():
        spec = assert_action.ARGUMENT_SPEC[name]
        for key in ("type", "elements", "default", "aliases", "choices", "required"):
            assert spec.get(key, "str" if key == "type" else None) == option.get(key, "str" if key == "type" else None), (name, key)
