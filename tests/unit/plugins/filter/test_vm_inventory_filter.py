"""Filters hyperv.azlocal.vm_inventory and hyperv.azlocal.without_vm_inventory: host_facts with include_vms, read in
one call, gives exactly what the vm_info action returns for the same observations, and the host facts it came with
keep the shape of host facts gathered alone."""

import copy
from unittest.mock import MagicMock

import pytest
from ansible.errors import AnsibleFilterError
from ansible.playbook.task import Task

from ansible_collections.hyperv.azlocal.plugins.action.vm_info import ActionModule as VmInfoAction
from ansible_collections.hyperv.azlocal.plugins.filter import host_identity as identity_module
from ansible_collections.hyperv.azlocal.plugins.filter import vm_inventory as inventory_module
from ansible_collections.hyperv.azlocal.plugins.filter import without_vm_inventory as without_module

from ...vm_samples import as_host_facts

ARB = "c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de"
ACTION_NOISE = ("changed", "invocation", "warnings")
BASE = "host_facts/ws2025_datacenter_26100_4349.json"


def action_result(vm_output, monkeypatch, args=None, host="node01"):
    """What the vm_info action returns when its collector printed vm_output (as in test_vm_cluster_actions.py)."""
    task = MagicMock(Task)
    task.args = args or {}
    task.async_val = 0
    task.check_mode = False
    task.action = VmInfoAction.MODULE
    action = VmInfoAction(task, MagicMock(), MagicMock(), loader=None, templar=None, shared_loader_obj=None)
    monkeypatch.setattr(action, "_execute_module", lambda **kwargs: copy.deepcopy(vm_output))
    result = action.run(task_vars={"inventory_hostname": host})
    return {key: value for key, value in result.items() if key not in ACTION_NOISE}


def denied_registry(sample):
    """azurelocal_node with the registry unreadable and the cluster groups denied: two more errors, no platform."""
    sample = copy.deepcopy(sample)
    sample["_raw"]["os_registry"] = None
    sample["_raw"]["cluster_groups"] = None
    sample["errors"] = [
        {"probe": "os_registry", "type": "SecurityException", "message": "Requested registry access is not allowed.",
         "hresult": -2146233078, "native_error_code": None},
        {"probe": "cluster_groups", "type": "ClusterCmdletException", "message": "Access is denied.",
         "hresult": -2146233088, "native_error_code": "5"},
    ]
    sample["durations"]["os_registry"] = 0.01
    return sample


SAMPLES = {
    "azurelocal_node": lambda load: load("vm_info/azurelocal_node.json"),
    "standalone_host_includes": lambda load: load("vm_info/standalone_host_includes.json"),
    "access_denied": lambda load: load("vm_info/access_denied.json"),
    "no_hyperv": lambda load: load("vm_info/no_hyperv.json"),
    "registry_and_cluster_denied": lambda load: denied_registry(load("vm_info/azurelocal_node.json")),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
@pytest.mark.parametrize("state", [None, ["Running"]])
def test_one_call_gives_what_vm_info_returns(load_data, monkeypatch, name, state):
    vm_output = SAMPLES[name](load_data)
    facts = as_host_facts(vm_output, load_data(BASE))
    expected = action_result(vm_output, monkeypatch, {"state": state} if state else None)
    assert inventory_module.vm_inventory(facts, state=state, host="node01") == expected
    # a registered host_facts result and hostvars hold the same facts
    assert inventory_module.vm_inventory({"ansible_facts": {"hyperv_host": facts}}, state=state, host="node01") == expected
    assert inventory_module.vm_inventory({"hyperv_host": facts, "other": 1}, state=state, host="node01") == expected


def test_what_the_one_call_decides(load_data):
    node = as_host_facts(load_data("vm_info/azurelocal_node.json"), load_data(BASE))
    result = inventory_module.vm_inventory(node, host="node01")
    assert result["summary"]["resource_bridge"]["name"] == ARB
    assert result["summary"]["platform"]["appliance"] == "arc_resource_bridge"  # from hyperv_host.os_registry
    denied = as_host_facts(load_data("vm_info/access_denied.json"), load_data(BASE))
    result = inventory_module.vm_inventory(denied, host="node01")
    assert result["vms"] == [] and result["host"]["reason"] == "access_denied"
    assert [error["probe"] for error in result["errors"]] == ["vms"]
    result = inventory_module.vm_inventory(as_host_facts(denied_registry(load_data("vm_info/azurelocal_node.json")),
                                                         load_data(BASE)), host="node01")
    assert [error["probe"] for error in result["errors"]] == ["os_registry", "cluster_groups"]  # vm_info's order
    assert result["summary"]["resource_bridge"] is None  # no platform evidence: a candidate, never the bridge


def test_without_vm_inventory_gives_back_the_host_facts(load_data):
    base = load_data("host_facts/azurelocal_2506_nonadmin_errors.json")
    facts = as_host_facts(load_data("vm_info/access_denied.json"), base)
    stripped = without_module.without_vm_inventory(facts)
    expected = dict(copy.deepcopy(base), os_registry=facts["os_registry"], collected_at=facts["collected_at"])
    expected["probe_durations"]["os_registry"] = facts["probe_durations"]["os_registry"]
    assert stripped == expected
    assert "vm_inventory" not in stripped and "vms" not in stripped["probe_durations"]
    assert identity_module.host_identity(stripped, host="n") == identity_module.host_identity(expected, host="n")
    assert without_module.without_vm_inventory(base) == base  # nothing to remove


def test_filters_are_registered():
    assert inventory_module.FilterModule().filters() == {"vm_inventory": inventory_module.vm_inventory}
    assert without_module.FilterModule().filters() == {"without_vm_inventory": without_module.without_vm_inventory}


@pytest.mark.parametrize("data, message", [
    ({"os_registry": {}}, "vm_inventory: the hyperv_host facts on node01 have no vm_inventory: gather them with "
                          "hyperv.azlocal.host_facts include_vms=true"),
    (42, "vm_inventory: hyperv_host facts on node01 are int, expected a dict"),
    ({"vm_inventory": {"host": None}, "errors": "x"}, "vm_inventory: errors on node01 is a string but not JSON"),
])
def test_vm_inventory_errors(data, message):
    with pytest.raises(AnsibleFilterError) as caught:
        inventory_module.vm_inventory(data, host="node01")
    assert str(caught.value).startswith(message), str(caught.value)
