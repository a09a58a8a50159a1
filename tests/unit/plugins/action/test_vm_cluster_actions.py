"""Action plugins hyperv.azlocal.vm_info and hyperv.azlocal.cluster_info, with _execute_module replaced by the
recorded collector output in tests/unit/data (see SOURCES.md there)."""

import copy
from unittest.mock import MagicMock

import pytest
from ansible.errors import AnsibleActionFail
from ansible.playbook.task import Task

from ansible_collections.hyperv.azlocal.plugins.action.cluster_info import ActionModule as ClusterInfoAction
from ansible_collections.hyperv.azlocal.plugins.action.vm_info import ActionModule as VmInfoAction

ARB = "c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de"


def make_action(cls, args, monkeypatch, module_result, check_mode=False):
    task = MagicMock(Task)
    task.args = args
    task.async_val = 0
    task.check_mode = check_mode
    task.action = cls.MODULE
    connection = MagicMock()
    connection._shell.tmpdir = "remote-tmp"  # already set: the action never creates one
    action = cls(task, connection, MagicMock(), loader=None, templar=None, shared_loader_obj=None)
    calls = []

    def execute_module(module_name=None, module_args=None, task_vars=None, **kwargs):
        calls.append({"module_name": module_name, "module_args": module_args})
        return copy.deepcopy(module_result)

    monkeypatch.setattr(action, "_execute_module", execute_module)
    return action, calls


def test_vm_info_action_interprets_the_collector(load_data, monkeypatch):
    sample = load_data("vm_info/azurelocal_node.json")
    action, calls = make_action(VmInfoAction, {"name": ["*"], "state": ["Running"]}, monkeypatch, sample)
    result = action.run(task_vars={"inventory_hostname": "v-Host1"})
    # the module runs by FQCN and never sees the controller-only option
    assert calls == [{"module_name": "hyperv.azlocal.vm_info", "module_args": {"name": ["*"]}}]
    assert "_raw" not in result and result["changed"] is False
    assert result["summary"]["resource_bridge"]["name"] == ARB
    assert {vm["state"] for vm in result["vms"]} == {"Running"}
    assert result["host"]["hyperv_available"] is True
    assert result["errors"] == [] and result["durations"] == sample["durations"]
    assert result["collected_at"] == sample["collected_at"] == "2025-07-15T09:13:05.1180455Z"  # passed on as is


def test_vm_info_action_joins_what_the_collector_included(load_data, monkeypatch):
    sample = copy.deepcopy(load_data("vm_info/standalone_host_includes.json"))
    del sample["_raw"]["integration_services"]  # as the collector returns include=[network_adapters, hard_drives]
    action, calls = make_action(VmInfoAction, {"include": "network_adapters, hard_drives"}, monkeypatch, sample)
    result = action.run(task_vars={})
    assert calls[0]["module_args"] == {"include": "network_adapters, hard_drives"}
    app01 = [vm for vm in result["vms"] if vm["name"] == "app01"][0]
    assert app01["network_adapters"][0]["mac_address"] == "00155D010203" and len(app01["hard_drives"]) == 1
    assert "integration_services" not in app01


def test_vm_info_action_in_check_mode(load_data, monkeypatch):
    action, calls = make_action(VmInfoAction, {}, monkeypatch, load_data("vm_info/no_hyperv.json"), check_mode=True)
    result = action.run(task_vars={"inventory_hostname": "web"})
    assert len(calls) == 1 and result["vms"] == [] and result["host"]["reason"] == "hyperv_not_installed"
    assert "web" in result["host"]["message"]


def test_vm_info_action_rejects_bad_controller_option(load_data, monkeypatch):
    action, calls = make_action(VmInfoAction, {"state": {"a": 1}}, monkeypatch, load_data("vm_info/no_hyperv.json"))
    with pytest.raises(AnsibleActionFail, match="hyperv.azlocal.vm_info: .*state"):
        action.run(task_vars={})
    assert calls == []


def test_vm_info_action_unknown_state_fails_with_the_valid_names(load_data, monkeypatch):
    action, _calls = make_action(VmInfoAction, {"state": ["Sleeping"]}, monkeypatch, load_data("vm_info/azurelocal_node.json"))
    with pytest.raises(AnsibleActionFail, match=r"Unexpected data from the hyperv.azlocal.vm_info collector on h1: "
                                                r"state on h1: 'Sleeping' is not a Hyper-V VM state"):
        action.run(task_vars={"inventory_hostname": "h1"})


def test_action_passes_module_failures_through(monkeypatch):
    failure = {"failed": True, "msg": "strict is set and 1 probe(s) failed: vms", "errors": [{"probe": "vms"}]}
    action, _calls = make_action(VmInfoAction, {"strict": True}, monkeypatch, failure)
    result = action.run(task_vars={})
    assert result["failed"] is True and result["msg"] == failure["msg"] and "vms" not in result


def test_action_without_raw_data_fails_clearly(monkeypatch):
    action, _calls = make_action(VmInfoAction, {}, monkeypatch, {"changed": False, "errors": []})
    with pytest.raises(AnsibleActionFail, match="hyperv.azlocal.vm_info returned no _raw data on h1"):
        action.run(task_vars={"inventory_hostname": "h1"})


def test_action_turns_bad_data_into_a_failure(load_data, monkeypatch):
    sample = copy.deepcopy(load_data("vm_info/azurelocal_node.json"))
    sample["_raw"]["vms"][0]["State"] = True
    action, _calls = make_action(VmInfoAction, {}, monkeypatch, sample)
    with pytest.raises(AnsibleActionFail, match="Unexpected data from the hyperv.azlocal.vm_info collector on h1: VM #0 state on h1"):
        action.run(task_vars={"inventory_hostname": "h1"})


def test_cluster_info_action(load_data, monkeypatch):
    sample = load_data("cluster_info/mixed_builds_upgrade.json")
    facts = {"NODE02": "10.0.25398.1665", "NODE03": "10.0.26100.4349"}
    action, calls = make_action(ClusterInfoAction, {"node_facts": facts, "probe_timeout": 60}, monkeypatch, sample)
    result = action.run(task_vars={"inventory_hostname": "NODE01"})
    assert calls == [{"module_name": "hyperv.azlocal.cluster_info", "module_args": {"probe_timeout": 60}}]
    assert result["node_os"]["differing_nodes"] == ["NODE03"] and result["node_os"]["complete"] is True
    assert result["cluster"]["name"] == "AZL-CL02" and "_raw" not in result and result["changed"] is False


def test_cluster_info_action_on_a_standalone_host(load_data, monkeypatch):
    action, _calls = make_action(ClusterInfoAction, {}, monkeypatch, load_data("cluster_info/standalone_host.json"))
    result = action.run(task_vars={"inventory_hostname": "hv"})
    assert result["cluster"] is None and result["reason"] == "not_cluster_node" and "failed" not in result


def test_cluster_info_action_require_cluster_fails_with_what_to_fix(load_data, monkeypatch):
    action, _calls = make_action(ClusterInfoAction, {"require_cluster": True}, monkeypatch, load_data("cluster_info/access_denied.json"))
    with pytest.raises(AnsibleActionFail, match="access denied reading the cluster from v-Host1") as raised:
        action.run(task_vars={"inventory_hostname": "v-Host1"})
    assert raised.value.result["reason"] == "access_denied" and raised.value.result["errors"] == []


def test_cluster_info_action_rejects_bad_require_cluster(load_data, monkeypatch):
    action, calls = make_action(ClusterInfoAction, {"require_cluster": "perhaps"}, monkeypatch, load_data("cluster_info/standalone_host.json"))
    with pytest.raises(AnsibleActionFail, match="require_cluster"):
        action.run(task_vars={})
    assert calls == []


def test_cluster_info_action_bad_node_facts(load_data, monkeypatch):
    action, _calls = make_action(ClusterInfoAction, {"node_facts": {"NODE02": 7}}, monkeypatch,
                                 load_data("cluster_info/mixed_builds_upgrade.json"))
    with pytest.raises(AnsibleActionFail, match=r"node_facts\[NODE02\] on NODE01 is int"):
        action.run(task_vars={"inventory_hostname": "NODE01"})


def test_cluster_info_action_passes_the_time_of_collection_on(load_data, monkeypatch):
    sample = load_data("cluster_info/azurelocal_3node.json")
    action, _calls = make_action(ClusterInfoAction, {}, monkeypatch, sample)
    result = action.run(task_vars={"inventory_hostname": "v-Host1"})
    assert result["cluster"] is not None
    assert result["collected_at"] == sample["collected_at"] == "2025-07-15T09:13:09.6610394Z"
