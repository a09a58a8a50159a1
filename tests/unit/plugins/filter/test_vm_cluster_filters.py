"""Filters hyperv.azlocal.classify_vms and hyperv.azlocal.cluster_summary: thin shells over _vms / _cluster."""

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.hyperv.azlocal.plugins.filter import classify_vms as classify_module
from ansible_collections.hyperv.azlocal.plugins.filter import cluster_summary as summary_module

ARB = "c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de"


def test_filters_are_registered():
    assert classify_module.FilterModule().filters() == {"classify_vms": classify_module.classify_vms}
    assert summary_module.FilterModule().filters() == {"cluster_summary": summary_module.cluster_summary}


def test_classify_vms_filter_on_win_powershell_output(load_data):
    registered = {"changed": True, "output": load_data("vm_info/get-vm_convertto-json_ps51.json")}
    groups = {"output": load_data("cluster_info/get-clustergroup_convertto-json_ps51.json")}
    result = classify_module.classify_vms(registered, cluster=groups, state=["Running"])
    assert result["summary"]["resource_bridge"]["name"] == ARB
    # the groups hold the Azure Local service groups: the platform is Azure Local 23H2 or later
    assert result["summary"]["resource_bridge"]["role_confidence"] == "platform_and_cluster_group"
    assert {vm["state"] for vm in result["vms"]} == {"Running"}


def test_classify_vms_filter_on_stdout_text(load_data):
    text = '[{"Name": "%s", "State": 2}, {"Name": "web01", "State": 3}]' % ARB
    result = classify_module.classify_vms(text)
    assert [vm["appliance"] for vm in result["vms"]] == ["resource_bridge_candidate", None]
    identity = load_data("host_facts/azurelocal_2506_26100_4349.json")
    result = classify_module.classify_vms(text, identity={"ansible_facts": {"hyperv_host": identity}})
    assert [vm["role"] for vm in result["vms"]] == ["arc_resource_bridge", "workload"]


@pytest.mark.parametrize("data, kwargs, message", [
    (42, {}, "classify_vms: VMs is int, expected a list of dicts"),
    ([{"Name": "a"}], {"state": ["Runing"]}, "classify_vms: state: 'Runing' is not a Hyper-V VM state"),
    ("{not json", {}, "classify_vms: classify_vms input is a string but not JSON"),
    ([{"Name": "a"}], {"cluster": [{"Name": "g", "State": True}]}, "classify_vms: cluster group #0 state is a boolean"),
    ([{"Name": "a"}], {"identity": "azure_local"}, "classify_vms: identity must be a host_identity result"),
    ([{"Name": "a"}], {"identity": {"os_registry": {"ubr": "x"}}}, "classify_vms: host_identity: os_registry.ubr is 'x'"),
])
def test_classify_vms_filter_errors(data, kwargs, message):
    with pytest.raises(AnsibleFilterError, match=message):
        classify_module.classify_vms(data, **kwargs)


def test_cluster_summary_filter(load_data):
    groups = load_data("cluster_info/get-clustergroup_convertto-json_ps51.json")
    nodes = load_data("cluster_info/get-clusternode_convertto-json_ps51.json")
    result = summary_module.cluster_summary(groups, nodes=nodes)
    assert result["azure_local"]["detected"] is True
    assert result["azure_local"]["resource_bridge"]["group"] == ARB
    assert result["node_os"]["differing_nodes"] == ["NODE03"]


def test_cluster_summary_filter_on_a_printed_table(load_data):
    result = summary_module.cluster_summary(load_data("captures/get-clustergroup_azurelocal_full_zeroed_ids_msdocs.txt"))
    assert result["azure_local"]["resource_bridge"]["group"].endswith("-control-plane-0-00000000")


def test_cluster_summary_filter_with_node_facts_text(load_data):
    nodes = [{"Name": "NODE1", "MajorVersion": 10, "MinorVersion": 0, "BuildNumber": 25398},
             {"Name": "NODE2", "MajorVersion": 10, "MinorVersion": 0, "BuildNumber": 25398}]
    lines = load_data("captures/registry_currentversion_ubr_per_node_azurelocal.txt")
    result = summary_module.cluster_summary(nodes, node_facts=lines)
    assert result["node_os"]["consistent"] is False and "NODE1 is running on 10.0.25398.1085" in result["node_os"]["message"]


def test_cluster_summary_filter_on_collector_raw(load_data):
    result = summary_module.cluster_summary(load_data("cluster_info/azurelocal_3node.json")["_raw"])
    assert result["cluster"]["name"] == "AZL-CL01" and result["local_node"] == "v-Host1"


@pytest.mark.parametrize("data, kwargs, message", [
    ([{"Foo": 1}], {}, "cluster_summary: cluster data: cannot tell what"),
    ([{"Name": "g", "GroupType": 1}], {"nodes": 5}, "cluster_summary: nodes is int"),
    ([{"Name": "g", "GroupType": 1}], {"resources": "[oops"}, "cluster_summary: resources is a string but not JSON"),
])
def test_cluster_summary_filter_errors(data, kwargs, message):
    with pytest.raises(AnsibleFilterError, match=message):
        summary_module.cluster_summary(data, **kwargs)
