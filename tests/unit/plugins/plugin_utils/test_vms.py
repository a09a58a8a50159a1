"""VM interpretation (plugin_utils/_vms.py) on raw samples in tests/unit/data/vm_info (see SOURCES.md there)."""

import copy

import pytest

from ansible_collections.hyperv.azlocal.plugins.plugin_utils import _vms

ARB = "c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de"
AKS = "my-cluster-control-plane-q9mbp-ae97a3e5"


def by_name(result):
    return {vm["name"]: vm for vm in result["vms"]}


def test_azure_local_node_finds_the_bridge_with_both_pieces_of_evidence(load_data):
    sample = load_data("vm_info/azurelocal_node.json")
    result = _vms.build_vm_info(sample["_raw"], errors=sample["errors"], host="v-Host1")
    vms = by_name(result)
    bridge = vms[ARB]
    assert bridge["role"] == "arc_resource_bridge" and bridge["appliance"] == "arc_resource_bridge"
    assert bridge["role_confidence"] == "platform_and_cluster_group"
    assert [(e["source"], e["matched"]) for e in bridge["role_evidence"]] == [
        ("name", True), ("platform", True), ("cluster_group", True)]
    # the platform comes from the registry values the collector read in the same round trip, and the groups
    assert "the host's registry (_raw.os_registry): platform azure_local, build 26100" in bridge["role_evidence"][1]["detail"]
    assert result["summary"]["platform"]["appliance"] == "arc_resource_bridge"
    assert bridge["cluster_group"] == {"name": ARB, "state": "Online", "owner_node": "v-Host1"}
    # the AKS workload control plane contains -control-plane- too, and is infrastructure, never the bridge
    assert vms[AKS]["role"] == "infrastructure"
    assert "my-cluster" in vms[AKS]["role_evidence"][0]["detail"]
    assert {vms[n]["role"] for n in ("web01", "sql01", "build01")} == {"workload"}
    summary = result["summary"]
    assert summary["resource_bridge"]["name"] == ARB
    assert summary["resource_bridge"]["state"] == "Running"
    assert summary["by_role"] == {"arc_resource_bridge": 1, "infrastructure": 1, "workload": 3}
    assert summary["by_state"] == {"Running": 3, "Off": 1, "SavedCritical": 1}
    assert summary["clustered"] == 4 and summary["total"] == 5
    assert summary["infrastructure"] == [AKS] and summary["warnings"] == []
    assert result["host"] == {"computer_name": "v-Host1", "hyperv_available": True, "cluster_node": True, "reason": None, "message": None}


def test_vm_fields_from_the_collector(load_data):
    sample = load_data("vm_info/azurelocal_node.json")
    vm = by_name(_vms.build_vm_info(sample["_raw"]))[ARB]
    assert vm["uptime_seconds"] == 864000  # runner TimeSpan seconds 864000.125, rounded
    assert vm["creation_time"] == "2025-07-02T09:01:00Z"
    assert vm["configuration_version"] == "12.0" and vm["generation"] == 2 and vm["processor_count"] == 4
    assert vm["memory_startup_bytes"] == vm["memory_assigned_bytes"] == 8 * 1024 ** 3
    assert vm["owner_node"] == "v-Host1" and vm["computer_name"] == "v-Host1" and vm["is_clustered"] is True
    off = by_name(_vms.build_vm_info(sample["_raw"]))["sql01"]
    assert off["uptime_seconds"] == 0 and off["memory_assigned_bytes"] == 0


def test_owner_node_comes_from_the_cluster_group(load_data):
    sample = copy.deepcopy(load_data("vm_info/azurelocal_node.json"))
    for grp in sample["_raw"]["cluster_groups"]["Groups"]:
        if grp["Name"] == "web01":
            grp["OwnerNode"] = "v-Host2"
    vm = by_name(_vms.build_vm_info(sample["_raw"]))["web01"]
    assert vm["owner_node"] == "v-Host2" and vm["computer_name"] == "v-Host1"


def test_bridge_without_cluster_data_is_decided_by_the_platform(load_data):
    sample = copy.deepcopy(load_data("vm_info/azurelocal_node.json"))
    del sample["_raw"]["cluster_groups"]
    result = _vms.build_vm_info(sample["_raw"])
    bridge = by_name(result)[ARB]
    assert bridge["role"] == "arc_resource_bridge" and bridge["role_confidence"] == "platform"
    assert [e["source"] for e in bridge["role_evidence"]] == ["name", "platform"]
    assert bridge["cluster_group"] is None and bridge["owner_node"] == "v-Host1"
    assert result["summary"]["resource_bridge"]["name"] == ARB


def test_bridge_named_vm_outside_a_control_plane_group_says_so(load_data):
    sample = copy.deepcopy(load_data("vm_info/azurelocal_node.json"))
    groups = sample["_raw"]["cluster_groups"]["Groups"]
    sample["_raw"]["cluster_groups"]["Groups"] = [g for g in groups if g["Name"] != ARB]
    bridge = by_name(_vms.build_vm_info(sample["_raw"]))[ARB]
    assert bridge["role"] == "arc_resource_bridge" and bridge["role_confidence"] == "platform"
    assert bridge["role_evidence"][2] == {
        "source": "cluster_group", "pattern": "*control-plan*", "matched": False,
        "detail": "cluster data is known but no cluster group named %s matches *control-plan*" % ARB}


def test_two_bridge_candidates_pick_the_one_in_a_control_plane_group(load_data):
    sample = copy.deepcopy(load_data("vm_info/azurelocal_node.json"))
    stale = dict(sample["_raw"]["vms"][0], Name="00000000-0000-4000-8000-000000000000-control-plane-0-0123abcd", Id="x", State="Off")
    sample["_raw"]["vms"].append(stale)
    summary = _vms.build_vm_info(sample["_raw"])["summary"]
    assert summary["resource_bridge"]["name"] == ARB
    assert len(summary["resource_bridge_candidates"]) == 2
    assert "2 VMs match the resource bridge pattern" in summary["warnings"][0]
    # without cluster data nothing singles one out: no bridge is named rather than a guess
    del sample["_raw"]["cluster_groups"]
    summary = _vms.build_vm_info(sample["_raw"])["summary"]
    assert summary["resource_bridge"] is None and "resource_bridge is null" in summary["warnings"][0]


def test_without_platform_evidence_the_appliance_is_a_candidate(load_data):
    """The same VM name is the AKS management cluster on AKS hybrid: without evidence it is not called the bridge."""
    sample = copy.deepcopy(load_data("vm_info/azurelocal_node.json"))
    del sample["_raw"]["cluster_groups"]
    sample["_raw"]["os_registry"] = None  # the registry read failed
    result = _vms.build_vm_info(sample["_raw"], host="n1")
    vm = by_name(result)[ARB]
    assert (vm["role"], vm["role_confidence"], vm["appliance"]) == ("infrastructure", "candidate", "resource_bridge_candidate")
    assert vm["role_evidence"][1]["matched"] is False and "no platform evidence" in vm["role_evidence"][1]["detail"]
    summary = result["summary"]
    assert summary["resource_bridge"] is None and summary["resource_bridge_candidates"] == [ARB]
    assert summary["platform"]["appliance"] is None and "no platform evidence" in summary["platform"]["reason"]
    assert ARB in summary["warnings"][0] and "AKS management cluster" in summary["warnings"][0]
    assert summary["by_role"]["arc_resource_bridge"] == 0


def test_on_windows_server_the_appliance_is_the_aks_management_cluster(load_data):
    """The capture of the AKS on Azure Stack HCI / Windows Server docs, on a Windows Server host: AKS hybrid."""
    names = load_data("captures/get-vm_control-plane_names_akshci_msdocs.txt").split()
    identity = load_data("host_facts/ws2022_datacenter_20348_3807.json")
    result = _vms.classify_vms([{"Name": name, "State": "Running"} for name in names], identity=identity)
    vms = by_name(result)
    assert (vms[ARB]["role"], vms[ARB]["appliance"], vms[ARB]["role_confidence"]) == (
        "infrastructure", "aks_management_cluster", "platform")
    assert vms[AKS]["appliance"] == "aks_control_plane"
    assert result["summary"]["aks_management_clusters"] == [ARB] and result["summary"]["resource_bridge"] is None
    assert result["summary"]["resource_bridge_candidates"] == [] and result["summary"]["warnings"] == []


def test_identity_as_a_host_identity_result_or_hostvars(load_data):
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils._identity import host_identity

    facts = load_data("host_facts/azurelocal_2506_26100_4349.json")
    for identity in (host_identity(facts), {"hyperv_host": facts}, {"ansible_facts": {"hyperv_host": facts}}):
        vm = _vms.classify_vms([{"Name": ARB}], identity=identity)["vms"][0]
        assert vm["role"] == "arc_resource_bridge" and vm["role_confidence"] == "platform"


def test_azure_local_service_groups_are_platform_evidence(load_data):
    """Microsoft's listing of an Azure Local cluster (Name, OwnerNode, State), given as the cluster: the service
    groups tell the platform, the zeroed appliance name is the bridge in its own group."""
    listing = load_data("captures/get-clustergroup_azurelocal_full_zeroed_ids_msdocs.txt")
    name = "000000000000000000000000000000000000000000000-control-plane-0-00000000"
    result = _vms.classify_vms([{"Name": name, "State": 2}, {"Name": "IRVM01", "State": 2}], cluster=listing)
    vms = by_name(result)
    assert vms[name]["role_confidence"] == "platform_and_cluster_group" and vms[name]["owner_node"] == "Node01"
    assert vms["IRVM01"]["role"] == "workload" and vms["IRVM01"]["cluster_group"]["state"] == "Online"
    assert "Azure Local service groups (cloud_management, download, health, orchestrator, update)" in \
        result["summary"]["platform"]["basis"][0]


def test_vm_table_text_and_bad_identity():
    table = "Name   State   Uptime\n----   -----   ------\nweb01  Running 01:02:03\n"
    vm = _vms.classify_vms(table)["vms"][0]
    assert (vm["name"], vm["state"], vm["uptime_seconds"]) == ("web01", "Running", 3723)
    with pytest.raises(TypeError, match="identity must be a host_identity result or hyperv_host facts, got list"):
        _vms.classify_vms([{"Name": "a"}], identity=["azure_local"])


def test_control_plane_names_and_groups_that_are_not_the_bridge():
    vms = [{"Name": "appliance01", "State": 2}, {"Name": "vendor-control-plane-vm", "State": 2}, {"Name": "x-control-plan-y"}]
    groups = [{"Name": "appliance01", "State": 0, "GroupType": 111, "OwnerNode": {"Name": "n1"}},
              {"Name": "x-control-plan-y", "State": 0, "GroupType": 111, "OwnerNode": {"Name": "n2"}}]
    result = by_name(_vms.classify_vms(vms, cluster=groups))
    assert result["appliance01"]["role"] == "workload" and result["appliance01"]["owner_node"] == "n1"
    named = result["vendor-control-plane-vm"]
    assert named["role"] == "infrastructure" and named["role_evidence"][0]["pattern"] == "*-control-plane-*"
    grouped = result["x-control-plan-y"]
    assert grouped["role"] == "infrastructure" and grouped["role_confidence"] == "cluster_group_only"
    assert grouped["role_evidence"][0]["source"] == "cluster_group"


def test_standalone_host_joins_every_include(load_data):
    sample = load_data("vm_info/standalone_host_includes.json")
    result = _vms.build_vm_info(sample["_raw"], host="HV-STANDALONE")
    vms = by_name(result)
    assert [ic["name"] for ic in vms["app01"]["integration_services"]][:2] == ["Guest Service Interface", "Heartbeat"]
    assert vms["app01"]["integration_services"][1] == {"name": "Heartbeat", "enabled": True, "primary_status": "OK", "secondary_status": None}
    assert vms["app01"]["network_adapters"][0]["ip_addresses"] == ["192.168.10.21", "fe80::215:5dff:fe01:203"]
    assert vms["lab-dc"]["network_adapters"][0]["switch_name"] == "Internal"
    assert [d["disk_number"] for d in vms["lab-dc"]["hard_drives"]] == [None, 2]
    assert vms["lab-dc"]["hard_drives"][0]["controller_type"] == "IDE"
    assert result["host"]["cluster_node"] is False
    assert {vm["owner_node"] for vm in result["vms"]} == {"HV-STANDALONE"}
    assert result["summary"]["by_state"] == {"Running": 1, "Paused": 1}


def test_include_rows_of_other_vms_are_dropped_and_name_is_a_fallback_key(load_data):
    sample = copy.deepcopy(load_data("vm_info/standalone_host_includes.json"))
    raw = sample["_raw"]
    raw["vms"] = raw["vms"][:1]  # only app01 selected
    del raw["integration_services"]  # not requested: the collector has no such key
    raw["network_adapters"].append({"VMName": "app01", "Name": "Second", "MacAddress": "00155D0102FF"})  # no VMId
    vm = _vms.build_vm_info(raw)["vms"][0]
    assert [n["name"] for n in vm["network_adapters"]] == ["Network Adapter", "Second"]
    assert len(vm["hard_drives"]) == 1 and "integration_services" not in vm


def test_include_row_without_vm_reference_is_an_error(load_data):
    sample = copy.deepcopy(load_data("vm_info/standalone_host_includes.json"))
    sample["_raw"]["hard_drives"] = [{"Name": "orphan"}]
    with pytest.raises(ValueError, match="hard_drives #0 on h1 has neither VMId nor VMName"):
        _vms.build_vm_info(sample["_raw"], host="h1")


@pytest.mark.parametrize("sample, reason, fix", [
    ("vm_info/no_hyperv.json", "hyperv_not_installed", "not installed on h1"),
    ("vm_info/access_denied.json", "access_denied", "Hyper-V Administrators"),
])
def test_hosts_that_cannot_list_vms_say_why(load_data, sample, reason, fix):
    data = load_data(sample)
    result = _vms.build_vm_info(data["_raw"], errors=data["errors"], host="h1")
    assert result["vms"] == [] and result["summary"]["total"] == 0 and result["summary"]["resource_bridge"] is None
    assert result["host"]["reason"] == reason and fix in result["host"]["message"]
    assert result["host"]["hyperv_available"] is False


@pytest.mark.parametrize("host, errors, reason, detail", [
    (None, [{"probe": "host", "message": "probe 'host' did not finish within 30 seconds (probe_timeout)", "type": "TimeoutException"}],
     "prerequisites_failed", "did not finish"),
    ({"ComputerName": "h", "HyperVModule": False, "VmmsState": "Running"}, [], "hyperv_module_missing", "Hyper-V-PowerShell"),
    ({"ComputerName": "h", "HyperVModule": True, "VmmsState": "Stopped"}, [], "vmms_not_running", "is Stopped"),
    ({"ComputerName": "h", "HyperVModule": True, "VmmsState": "Running"},
     [{"probe": "vms", "message": "The operation timed out", "type": "TimeoutException"}], "vm_query_failed", "timed out"),
])
def test_host_status_reasons(host, errors, reason, detail):
    status = _vms.host_status({"host": host}, errors, host="h1")
    assert status["reason"] == reason and detail in status["message"]


@pytest.mark.parametrize("cluster_service, cluster_node", [
    ("Running", True),
    # Win32_Service.State of a node whose Cluster service is not running: not a cluster node now
    ("Stopped", False),
    ("Start Pending", False),
    ("Paused", False),
    (None, False),  # no ClusSvc service: not a cluster node at all
])
def test_only_a_running_cluster_service_makes_a_cluster_node(cluster_service, cluster_node):
    host = {"ComputerName": "h", "HyperVModule": True, "VmmsState": "Running", "ClusterServiceState": cluster_service}
    status = _vms.host_status({"host": host}, [], host="h1")
    assert status["cluster_node"] is cluster_node
    assert status["hyperv_available"] is True  # the Cluster service does not decide whether Hyper-V answers


def test_state_filter_selects_and_summarizes_only_selected(load_data):
    sample = load_data("vm_info/azurelocal_node.json")
    result = _vms.build_vm_info(sample["_raw"], state=["running", "OFF"])
    assert sorted(vm["name"] for vm in result["vms"]) == sorted([ARB, AKS, "web01", "sql01"])
    assert result["summary"]["total"] == 4 and "SavedCritical" not in result["summary"]["by_state"]


def test_unknown_state_name_lists_valid_names():
    with pytest.raises(ValueError, match=r"state on h1: 'Runing' is not a Hyper-V VM state; valid states: Other, Running"):
        _vms.state_filter(["Runing"], host="h1")
    assert _vms.state_filter([]) is None


def test_powershell_51_json_reads_like_collector_output(load_data):
    """Get-VM | Select-Object ... | ConvertTo-Json: State numbers, TimeSpan objects, \\/Date()\\/ times."""
    result = _vms.classify_vms(load_data("vm_info/get-vm_convertto-json_ps51.json"),
                               identity=load_data("host_facts/azurelocal_2506_26100_4349.json"))
    vms = by_name(result)
    assert vms[ARB]["state"] == "Running" and vms[ARB]["role"] == "arc_resource_bridge"
    assert vms["sql01"]["state"] == "Off"
    assert vms["build01"]["state"] == "SavedCritical"  # 32788
    assert vms[ARB]["uptime_seconds"] == 864000
    assert vms[ARB]["creation_time"] == "2025-07-02T09:10:00Z"
    assert result["summary"]["resource_bridge"]["name"] == ARB


def test_json_text_and_single_object(load_data):
    text = '{"Name": "%s", "State": 2, "IsClustered": true}' % ARB
    result = _vms.classify_vms(text)
    assert result["summary"]["total"] == 1 and result["vms"][0]["appliance"] == "resource_bridge_candidate"
    assert result["vms"][0]["owner_node"] is None  # no ComputerName, no cluster group: unknown, not guessed


def test_hv_vm_info_result(load_data):
    """microsoft.hyperv.hv_vm_info: lower-case keys of its own, PascalCase MemoryStartup/ProcessorCount/Path."""
    result = _vms.classify_vms(load_data("vm_info/hv_vm_info_result.json"))
    vms = by_name(result)
    assert vms[ARB]["role"] == "infrastructure" and vms[ARB]["appliance"] == "resource_bridge_candidate"
    assert vms[AKS]["role"] == "infrastructure"
    assert vms[ARB]["uptime_seconds"] == 864000 and vms[ARB]["processor_count"] == 4
    assert vms[ARB]["memory_startup_bytes"] == 8 * 1024 ** 3 and vms[ARB]["id"].endswith("000000000001")
    assert vms["sql01"]["state"] == "Off" and vms[ARB]["creation_time"] is None


@pytest.mark.parametrize("sample_name", ["vm_info/standalone_host_includes.json", "vm_info/azurelocal_node.json"])
def test_vm_info_result_read_back_keeps_owner_includes_and_platform(load_data, sample_name):
    sample = load_data(sample_name)
    first = _vms.build_vm_info(sample["_raw"])
    again = _vms.classify_vms(first)
    assert again["vms"] == first["vms"]
    assert again["summary"] == first["summary"]


def test_classify_with_a_cluster_info_result(load_data):
    vms = load_data("vm_info/get-vm_convertto-json_ps51.json")
    cluster = {"groups": [{"name": ARB, "state": "Online", "owner_node": "v-Host3", "group_type": "VirtualMachine"},
                          {"name": "Azure Stack HCI Update Service Cluster Group", "state": "Online"}]}
    bridge = by_name(_vms.classify_vms(vms, cluster=cluster))[ARB]
    assert bridge["role_confidence"] == "platform_and_cluster_group" and bridge["owner_node"] == "v-Host3"


@pytest.mark.parametrize("data, message", [
    ([{"State": 2}], "VM #0 on h has no Name"),
    ([{"Name": "a", "State": True}], "VM #0 state on h is a boolean"),
    ([{"Name": "a", "Generation": "two"}], "VM #0 generation on h is 'two'"),
    ([{"Name": "a", "Uptime": "later"}], "VM #0 uptime_seconds on h"),
    (7, "VMs on h is int"),
])
def test_bad_vm_data_names_the_field(data, message):
    with pytest.raises((TypeError, ValueError), match=message):
        _vms.classify(data, host="h")


def test_version_number_and_unknown_state_number():
    result = _vms.classify_vms([{"Name": "a", "Version": 9, "State": 12345}, {"Name": "b", "Version": 8.3}, {"Name": "c"}])
    vms = by_name(result)
    assert vms["a"]["configuration_version"] == "9.0" and vms["b"]["configuration_version"] == "8.3"
    assert vms["a"]["state"] == "Unknown(12345)" and vms["c"]["state"] is None
    assert result["summary"]["by_state"] == {"Unknown(12345)": 1, "unknown": 2}


def test_build_vm_info_rejects_non_dict():
    with pytest.raises(TypeError, match="vm_info data on h is list"):
        _vms.build_vm_info([], host="h")


def test_hv_vm_info_remote_variant_with_every_property():
    """hv_vm_info.py (remote-connection variant) adds every other Get-VM property, raw, next to its own keys;
    PowerShell hashtables are case-insensitive, so State/Name/Id are not repeated in PascalCase."""
    vm = {"name": "web01", "state": "Running", "status": "Operating normally", "uptime_seconds": 60, "id": "abc", "generation": 2,
          "ComputerName": "HV01", "IsClustered": False, "Version": "9.0", "MemoryAssigned": 4294967296,
          "CreationTime": "/Date(1751447400000)/", "Uptime": {"Ticks": 600000000, "TotalSeconds": 60.0}, "VMId": "abc"}
    result = _vms.classify_vms({"changed": False, "vms": [vm]})["vms"][0]
    assert (result["computer_name"], result["owner_node"], result["is_clustered"]) == ("HV01", "HV01", False)
    assert result["configuration_version"] == "9.0" and result["memory_assigned_bytes"] == 4294967296
    assert result["creation_time"] == "2025-07-02T09:10:00Z" and result["uptime_seconds"] == 60 and result["id"] == "abc"


def test_adapter_with_one_ip_address_and_vm_without_id():
    vms = [{"Name": "a"}]
    raw = {"network_adapters": [{"VMName": "A", "Name": "nic", "IPAddresses": "10.0.0.5"}]}
    vm = _vms.attach_includes([_vms.normalize_vm(v) for v in vms], raw, ["network_adapters"])[0]
    assert vm["network_adapters"][0]["ip_addresses"] == ["10.0.0.5"]
