"""Cluster interpretation (plugin_utils/_cluster.py) on raw samples in tests/unit/data/cluster_info (see SOURCES.md)."""

import copy
import sys
import types

import pytest

from ansible_collections.hyperv.azlocal.plugins.plugin_utils import _cluster

ARB = "c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de"
AKS = "my-cluster-control-plane-q9mbp-ae97a3e5"
MOC = "ca-5deb3fc5-59b2-478a-b60c-7d03dfe3e86e"


def info(load_data, name, **kwargs):
    sample = load_data("cluster_info/" + name)
    return _cluster.build_cluster_info(sample["_raw"], errors=sample["errors"], **kwargs)


def by_name(items):
    return {item["name"]: item for item in items}


def test_azure_local_three_nodes(load_data):
    result = info(load_data, "azurelocal_3node.json", host="v-Host1")
    assert result["reason"] is None and result["message"] is None and result["local_node"] == "v-Host1"
    assert result["local_os"] == {"build": 26100, "ubr": 4349, "major": 10, "minor": 0, "edition_id": "ServerAzureStackHCICor",
                                  "product_name": "Azure Stack HCI", "display_version": "24H2"}
    assert result["cluster"] == {"name": "AZL-CL01", "id": "00000000-0000-4000-8000-000000000200", "domain": "contoso.local",
                                 "functional_level": 12, "upgrade_version": 12, "s2d_enabled": True,
                                 "shared_volumes_root": "C:\\ClusterStorage", "fqdn": "AZL-CL01.contoso.local"}
    groups = by_name(result["groups"])
    assert groups["Cluster Group"]["role"] == "core"
    assert groups["Available Storage"]["role"] == "available_storage"
    assert groups[MOC]["role"] == "moc" and groups[MOC]["service"] == "moc_cloud_agent"
    assert groups[ARB]["role"] == "arc_resource_bridge"
    assert groups[AKS]["role"] == "virtual_machine" and groups[AKS]["service"] == "aks_control_plane"
    assert groups["web01"]["role"] == "virtual_machine" and groups["web01"]["service"] is None
    assert groups["Azure Stack HCI Update Service Cluster Group"]["rule_source"] == "tsg-update-service, tsg-secret-rotation"

    azl = result["azure_local"]
    assert azl["detected"] is True
    assert azl["evidence"][0] == "local node registry: edition_id ServerAzureStackHCICor"  # _identity.decide_platform
    assert azl["listing_complete"] is True
    assert azl["appliance"]["appliance"] == "arc_resource_bridge"
    assert azl["appliance"]["basis"][0].startswith("local node registry: platform azure_local, build 26100")
    services = {s["service"]: s for s in azl["services"]}
    assert list(services) == ["cloud_management", "orchestrator", "update", "download", "health", "moc_cloud_agent", "arc_resource_bridge"]
    assert all(s["present"] and s["online"] for s in services.values())
    # the real capture: Update Service group Online on v-Host1
    assert (services["update"]["group"], services["update"]["state"], services["update"]["owner_node"]) == (
        "Azure Stack HCI Update Service Cluster Group", "Online", "v-Host1")
    assert azl["missing_services"] == [] and azl["offline_services"] == []
    assert azl["resource_bridge"]["group"] == ARB and azl["resource_bridge"]["online"] is True
    assert len(azl["resource_bridge"]["evidence"]) == 4  # two name patterns, the registry and the service groups
    assert azl["aks_control_planes"] == [AKS] and azl["unrecognised_control_planes"] == []
    assert azl["infrastructure_volume"]["path"] == "C:\\ClusterStorage\\Infrastructure_1"
    assert azl["infrastructure_volume"]["percent_free"] == pytest.approx(78.52)
    assert azl["sdn"] == {"enabled": False, "groups": [], "resources": []}

    resources = by_name(result["resources"])
    assert resources["MOC Cloud Agent Service"]["role"] == "moc"
    assert resources["Azure Stack HCI Cloud Management"]["role"] == "azure_local_service"
    assert resources["Virtual Machine " + ARB]["role"] == "arc_resource_bridge"  # the VM resource yields to its group
    assert resources["Virtual Machine web01"]["role"] == "virtual_machine"
    assert resources[MOC]["role"] == "moc" and resources[MOC]["rule_source"] == "role of owner group " + MOC
    assert resources["Cluster Virtual Disk (Infrastructure_1)"]["role"] == "storage"
    assert resources["Cloud Witness"]["role"] == "core"

    assert result["quorum"] == {"type": "Majority", "resource": "Cloud Witness", "resource_type": "Cloud Witness",
                                "witness": "cloud"}
    assert [n["role"] for n in result["networks"]] == ["ClusterAndClient", "Cluster", "Cluster"]
    node = by_name(result["nodes"])["v-Host2"]
    assert node["os_version"] == "10.0.26100" and node["fault_domain"] == ["Site:Default-First-Site", "Node:v-Host2"]
    summary = result["summary"]
    assert summary["groups_by_role"]["azure_local_service"] == 5 and summary["groups_by_role"]["virtual_machine"] == 3
    assert summary["groups_not_online"] == ["sql01"]  # Available Storage Offline is its normal state
    assert summary["nodes_up"] == 3 and summary["azure_local"] is True and summary["node_os_consistent"] is True


def test_node_os_consistent_but_incomplete_from_one_node(load_data):
    node_os = info(load_data, "azurelocal_3node.json")["node_os"]
    assert node_os["consistent"] is True and node_os["complete"] is False and node_os["compared_on"] == "build"
    assert node_os["ubr_unknown"] == ["v-Host2", "v-Host3"]
    assert by_name(node_os["nodes"])["v-Host1"] == {"name": "v-Host1", "version": "10.0.26100.4349", "build": 26100, "ubr": 4349,
                                                    "source": "local_registry", "conflict": None}
    assert node_os["message"] is None and node_os["differing_nodes"] == []


def test_mixed_build_upgrade_names_the_odd_node(load_data):
    result = info(load_data, "mixed_builds_upgrade.json")
    node_os = result["node_os"]
    assert node_os["consistent"] is False and node_os["differing_nodes"] == ["NODE03"]
    assert node_os["groups"] == [{"version": "10.0.25398", "nodes": ["NODE01", "NODE02"]}, {"version": "10.0.26100", "nodes": ["NODE03"]}]
    assert node_os["message"] == ("Found different OS build number between cluster nodes: NODE03 is running on 10.0.26100, "
                                  "NODE01 is running on 10.0.25398.1665, NODE02 is running on 10.0.25398.")
    assert result["cluster"]["functional_level"] == 11 and result["cluster"]["upgrade_version"] == 12
    nodes = by_name(result["nodes"])
    assert (nodes["NODE03"]["state"], nodes["NODE03"]["drain_status"]) == ("Paused", "Completed")
    assert result["summary"]["nodes_not_up"] == ["NODE03"] and result["summary"]["node_os_consistent"] is False


def test_ubr_mismatch_from_the_tsg_one_liner(load_data):
    """capture registry_currentversion_ubr_per_node_azurelocal.txt: NODE1 10.0.25398.1085, NODE2 10.0.25398.1128."""
    lines = load_data("captures/registry_currentversion_ubr_per_node_azurelocal.txt")
    nodes = [{"Name": "NODE1", "MajorVersion": 10, "MinorVersion": 0, "BuildNumber": 25398, "State": 0},
             {"Name": "NODE2", "MajorVersion": 10, "MinorVersion": 0, "BuildNumber": 25398, "State": 0}]
    groups = [{"Name": "Cluster Group", "GroupType": 1, "State": 0, "IsCoreGroup": True}]
    result = _cluster.cluster_summary(groups, nodes=nodes, node_facts=lines)
    node_os = result["node_os"]
    assert node_os["complete"] is True and node_os["compared_on"] == "build_and_ubr" and node_os["consistent"] is False
    # a tie: the newest version leads, the node behind it is the odd one (as LCM's message names both)
    assert node_os["groups"][0] == {"version": "10.0.25398.1128", "nodes": ["NODE2"]}
    assert node_os["differing_nodes"] == ["NODE1"]
    assert node_os["message"] == ("Found different OS build number between cluster nodes: "
                                  "NODE1 is running on 10.0.25398.1085, NODE2 is running on 10.0.25398.1128.")


def test_ubr_difference_among_known_nodes_is_inconsistent_even_when_incomplete(load_data):
    node_os = info(load_data, "azurelocal_3node.json", node_facts={"v-host2.contoso.local": "10.0.26100.4061"})["node_os"]
    assert node_os["complete"] is False and node_os["consistent"] is False and node_os["compared_on"] == "build_and_ubr"
    assert node_os["ubr_unknown"] == ["v-Host3"]
    assert node_os["differing_nodes"] == ["v-Host2"]  # tie: the newer UBR (4349, local registry) leads
    assert sorted(n for g in node_os["groups"] for n in g["nodes"]) == ["v-Host1", "v-Host2"]


def test_node_facts_complete_and_consistent(load_data):
    facts = {"v-Host2": {"version": "10.0.26100.4349", "build": 26100, "ubr": 4349},  # host_identity output
             "V-HOST3": "Microsoft Windows [Version 10.0.26100.4349]"}  # what ver prints
    node_os = info(load_data, "azurelocal_3node.json", node_facts=facts)["node_os"]
    assert node_os["consistent"] is True and node_os["complete"] is True and node_os["compared_on"] == "build_and_ubr"
    assert [n["source"] for n in node_os["nodes"]] == ["local_registry", "node_facts", "node_facts"]
    assert node_os["groups"] == [{"version": "10.0.26100.4349", "nodes": ["v-Host1", "v-Host2", "v-Host3"]}]


def test_node_facts_that_contradict_get_clusternode_are_a_conflict(load_data):
    node_os = info(load_data, "azurelocal_3node.json", node_facts={"v-Host3": {"build": 25398, "ubr": 1}})["node_os"]
    entry = by_name(node_os["nodes"])["v-Host3"]
    assert entry["conflict"] == "node_facts build 25398 differs from Get-ClusterNode build 26100"
    assert node_os["consistent"] is False


def test_local_registry_that_contradicts_get_clusternode_is_a_conflict(load_data):
    sample = copy.deepcopy(load_data("cluster_info/azurelocal_3node.json"))
    sample["_raw"]["prerequisites"]["LocalOs"]["CurrentBuildNumber"] = "25398"
    node_os = _cluster.build_cluster_info(sample["_raw"])["node_os"]
    assert by_name(node_os["nodes"])["v-Host1"]["conflict"] == "registry build 25398 differs from Get-ClusterNode build 26100"
    assert node_os["consistent"] is False and node_os["message"] is None


def test_unknown_build_is_never_consistent():
    nodes = [{"Name": "A", "MajorVersion": 10, "MinorVersion": 0, "BuildNumber": 26100}, {"Name": "B"}]
    node_os = _cluster.cluster_summary(nodes)["node_os"]
    assert node_os["consistent"] is None and node_os["unknown_nodes"] == ["B"]


def test_raw_host_facts_go_through_host_identity(monkeypatch, load_data):
    seen = {}

    def host_identity(data, host=None):
        seen[host] = data
        return {"version": "10.0.26100.%d" % data["os"]["ubr"], "build": 26100, "ubr": data["os"]["ubr"]}

    monkeypatch.setattr(_cluster, "_identity_function", lambda: host_identity)
    node_os = info(load_data, "azurelocal_3node.json", node_facts={"v-Host2": {"os": {"ubr": 4349}}, "v-Host3": {"os": {"ubr": 4349}}})["node_os"]
    assert set(seen) == {"v-Host2", "v-Host3"} and node_os["consistent"] is True and node_os["complete"] is True


def test_identity_function_imports_the_identity_module(monkeypatch):
    fake = types.ModuleType("ansible_collections.hyperv.azlocal.plugins.plugin_utils._identity")
    fake.host_identity = lambda data, host=None: {"version": "1.2.3"}
    monkeypatch.setitem(sys.modules, fake.__name__, fake)
    monkeypatch.setattr(sys.modules["ansible_collections.hyperv.azlocal.plugins.plugin_utils"], "_identity", fake, raising=False)
    assert _cluster._identity_function() is fake.host_identity


@pytest.mark.parametrize("facts, message", [
    ("NODE1 10.0.25398.1085", "cannot read line 'NODE1 10.0.25398.1085'"),
    ({"n": 42}, r"node_facts\[n\] on h is int"),
    ({"n": "no version here"}, r"node_facts\[n\] on h is 'no version here'"),
    ({"n": {"version": None, "build": None}}, r"node_facts\[n\] on h has no version and no build"),
    (["n"], "node_facts on h is list"),
])
def test_bad_node_facts(load_data, facts, message):
    with pytest.raises((TypeError, ValueError), match=message):
        info(load_data, "azurelocal_3node.json", node_facts=facts, host="h")


def test_plain_windows_server_cluster(load_data):
    result = info(load_data, "windows_server_cluster.json")
    assert result["azure_local"]["detected"] is False and result["azure_local"]["evidence"] == []
    assert result["azure_local"]["missing_services"] == []  # nothing is expected of a cluster that is not Azure Local
    assert result["azure_local"]["resource_bridge"] is None
    assert result["cluster"]["s2d_enabled"] is False
    assert result["summary"]["groups_by_role"]["virtual_machine"] == 3 and result["summary"]["groups_by_role"]["core"] == 1
    assert result["summary"]["groups_not_online"] == ["dc01"] and result["summary"]["resources_failed"] == ["Virtual Machine dc01"]
    volumes = result["shared_volumes"]  # the runner sends one CSV as an object, not a list
    assert len(volumes) == 1 and volumes[0]["is_infrastructure"] is False and volumes[0]["percent_free"] == 50.0
    assert result["quorum"]["witness"] == "file_share"
    assert by_name(result["resources"])["Cluster Disk 1"]["role"] == "storage"


@pytest.mark.parametrize("sample, reason, fix", [
    ("standalone_host.json", "not_cluster_node", "HV-STANDALONE is not a failover cluster node"),
    ("access_denied.json", "access_denied", "Grant-ClusterAccess"),
])
def test_no_cluster_data_gives_a_reason(load_data, sample, reason, fix):
    host = "HV-STANDALONE" if reason == "not_cluster_node" else "v-Host1"
    result = info(load_data, sample, host=host)
    assert result["cluster"] is None and result["reason"] == reason and fix in result["message"]
    assert result["nodes"] == [] and result["azure_local"] is None and result["node_os"] is None and result["summary"] is None


@pytest.mark.parametrize("prereq, errors, cluster, reason, text", [
    (None, [{"probe": "prerequisites", "message": "Invalid class", "type": "CimException"}], None, "prerequisites_failed", "Invalid class"),
    ({"ComputerName": "n", "ClusterService": {"State": "Stopped"}, "FailoverClustersModule": True}, [], None,
     "cluster_service_not_running", "is Stopped"),
    ({"ComputerName": "n", "ClusterService": {"State": "Running"}, "FailoverClustersModule": False}, [], None,
     "failover_clusters_module_missing", "RSAT-Clustering-PowerShell"),
    ({"ComputerName": "n", "ClusterService": {"State": "Running"}, "FailoverClustersModule": True},
     [{"probe": "cluster", "message": "probe 'cluster' did not finish within 30 seconds (probe_timeout)", "type": "TimeoutException"}],
     None, "cluster_query_failed", "did not finish"),
    ({"ComputerName": "n", "ClusterService": {"State": "Running"}, "FailoverClustersModule": True}, [],
     {"QueryError": {"Message": "Zugriff verweigert", "ExceptionType": "Win32Exception", "HResult": -2147024891}},
     "access_denied", "Zugriff verweigert"),
    ({"ComputerName": "n", "ClusterService": {"State": "Running"}, "FailoverClustersModule": True}, [],
     {"QueryError": {"Message": "The cluster service is shutting down", "ExceptionType": "ClusterCmdletException", "HResult": -2146233088}},
     "cluster_query_failed", "shutting down"),
])
def test_cluster_reasons(prereq, errors, cluster, reason, text):
    raw = {"prerequisites": prereq}
    if cluster is not None:
        raw["cluster"] = cluster
    result = _cluster.build_cluster_info(raw, errors=errors, host="h")
    assert result["reason"] == reason and text in result["message"] and result["cluster"] is None


def test_get_clustergroup_json_from_powershell_51(load_data):
    """Get-ClusterGroup | ConvertTo-Json: State and GroupType numbers, OwnerNode an object."""
    result = _cluster.cluster_summary(load_data("cluster_info/get-clustergroup_convertto-json_ps51.json"))
    groups = by_name(result["groups"])
    assert (groups["Cluster Group"]["state"], groups["Cluster Group"]["group_type"], groups["Cluster Group"]["role"]) == (
        "Online", "Cluster", "core")
    assert groups["sql01"]["state"] == "Offline" and groups["Cloud Management"]["group_type"] == "Unknown"
    assert groups[ARB]["owner_node"] == "v-Host1" and groups[ARB]["role"] == "arc_resource_bridge"
    assert result["azure_local"]["detected"] is True and result["azure_local"]["missing_services"] == []
    assert result["cluster"] is None and result["node_os"] is None and result["local_node"] is None


def test_groups_and_nodes_from_powershell_and_win_powershell_output(load_data):
    groups = load_data("cluster_info/get-clustergroup_convertto-json_ps51.json")
    nodes = load_data("cluster_info/get-clusternode_convertto-json_ps51.json")
    result = _cluster.cluster_summary({"output": [groups]}, nodes={"output": nodes})
    assert result["node_os"]["differing_nodes"] == ["NODE03"] and len(result["groups"]) == 12
    # a list is recognised by its properties
    assert _cluster.cluster_summary(nodes)["node_os"]["differing_nodes"] == ["NODE03"]


def test_missing_and_offline_services(load_data):
    sample = copy.deepcopy(load_data("cluster_info/azurelocal_3node.json"))
    raw = sample["_raw"]
    raw["groups"] = [g for g in raw["groups"] if "Download" not in g["Name"]]
    for grp in raw["groups"]:
        if grp["Name"] == ARB:
            grp["State"] = "Offline"
    azl = _cluster.build_cluster_info(raw)["azure_local"]
    assert azl["missing_services"] == ["download"] and azl["offline_services"] == ["arc_resource_bridge"]
    assert azl["resource_bridge"]["online"] is False and azl["resource_bridge"]["state"] == "Offline"


def test_two_bridge_groups_are_not_guessed_and_sdn_is_seen(load_data):
    sample = copy.deepcopy(load_data("cluster_info/azurelocal_3node.json"))
    raw = sample["_raw"]
    extra = dict(raw["groups"][8], Name="00000000-0000-4000-8000-000000000000-control-plane-0-0123abcd", State="Failed")
    raw["groups"] += [extra, {"Name": "ApiService", "GroupType": "GenericService", "State": "Online", "OwnerNode": "v-Host1"},
                      {"Name": "odd-control-plane", "GroupType": "VirtualMachine", "State": "Online", "OwnerNode": "v-Host2"}]
    azl = _cluster.build_cluster_info(raw)["azure_local"]
    assert azl["resource_bridge"] is None and len(azl["resource_bridge_candidates"]) == 2
    bridge = [s for s in azl["services"] if s["service"] == "arc_resource_bridge"][0]
    assert bridge["group"] == [ARB, extra["Name"]] and bridge["state"] == ["Online", "Failed"] and bridge["online"] is False
    assert azl["sdn"] == {"enabled": True, "groups": ["ApiService"], "resources": []}
    assert azl["unrecognised_control_planes"] == ["odd-control-plane"]


def test_cluster_info_result_read_back_is_stable(load_data):
    first = info(load_data, "azurelocal_3node.json")
    again = _cluster.cluster_summary(first)
    for key in ("groups", "resources", "shared_volumes", "networks", "quorum", "azure_local", "summary", "cluster"):
        assert again[key] == first[key], key
    failed = info(load_data, "standalone_host.json", host="HV-STANDALONE")
    assert _cluster.cluster_summary(failed)["reason"] == "not_cluster_node"


@pytest.mark.parametrize("data, message", [
    ([{"Foo": 1}], "cannot tell what"),
    ([{"Name": "g", "GroupType": 1}, {"Name": "n", "BuildNumber": 1}], "the list mixes groups, nodes"),
    ([{"Name": "g", "GroupType": "x", "State": True}], "cluster group #0 state is a boolean"),
    ({"groups": [{"GroupType": 1}]}, "cluster group #0 has no Name"),
    ({"groups": ["Cluster Group"]}, "groups: item 0 is str"),
    ({"quorum": [1]}, "cluster quorum is list"),
])
def test_bad_cluster_data_names_the_problem(data, message):
    with pytest.raises((TypeError, ValueError), match=message):
        _cluster.cluster_summary(data)


def test_build_cluster_info_rejects_non_dict():
    with pytest.raises(TypeError, match="cluster data on h is list"):
        _cluster.build_cluster_info([], host="h")
    with pytest.raises(TypeError, match="cluster on h is list"):
        _cluster.read_fields([], _cluster.CLUSTER_FIELDS, "cluster", host="h")


def test_empty_input_and_csv_without_partition():
    assert _cluster.cluster_summary([])["groups"] == []
    volume = _cluster.normalize_shared_volume({"Name": "Cluster Disk 9", "SharedVolumeInfo": "Microsoft.FailoverClusters.PowerShell.ClusterSharedVolumeInfo"})
    assert volume["path"] is None and volume["percent_free"] is None and volume["is_infrastructure"] is False
    named = _cluster.normalize_shared_volume({"Name": "Cluster Virtual Disk (Infrastructure_1)"})
    assert named["is_infrastructure"] is True
    assert _cluster.normalize_quorum(None) is None
    assert _cluster.normalize_quorum({"QuorumType": "NodeMajority"})["witness"] == "none"
    assert _cluster.normalize_quorum({"QuorumResource": {"Name": "Disk", "ResourceType": {"Name": "Storage Replica"}}})["witness"] == "other"
    assert _cluster.normalize_quorum({"type": "NodeMajority", "resource": None, "resource_type": None})["type"] == "NodeMajority"


def test_resource_of_unknown_group_is_other():
    resource = _cluster.normalize_resource({"Name": "r", "ResourceType": {"Name": "Network Name"}, "OwnerGroup": "gone"}, {})
    assert resource["role"] == "other" and resource["resource_type"] == "Network Name"


def test_small_shapes_other_writers_use():
    """FaultDomain as one string, a group no rule knows, a blank line in the one-liner text, IPAddresses as one string."""
    node = _cluster.normalize_node({"Name": "n1", "FaultDomain": "Site:Default", "BuildNumber": 26100})
    assert node["fault_domain"] == ["Site:Default"] and node["os_version"] is None
    group = _cluster.normalize_group({"Name": "Print Spooler", "GroupType": 101, "State": 0})
    assert (group["role"], group["rule"], group["rule_source"]) == ("other", None, "no rule matched")
    assert _cluster.read_node_facts("NODE1: 10.0.25398.1085\n\nNODE2: 10.0.25398.1128\n") == {
        "node1": (10, 0, 25398, 1085), "node2": (10, 0, 25398, 1128)}


# --- cluster listings as admins print them (captures) ------------------------------------------------------------

FULL = "captures/get-clustergroup_azurelocal_full_zeroed_ids_msdocs.txt"
ZEROED_ARB = "000000000000000000000000000000000000000000000-control-plane-0-00000000"


def test_full_get_clustergroup_table_of_an_azure_local_cluster(load_data):
    """Name, OwnerNode and State only: groups are recognised by name, the service groups tell the platform."""
    result = _cluster.cluster_summary(load_data(FULL))
    groups = by_name(result["groups"])
    assert (groups["Cluster Group"]["role"], groups["SDDC Group"]["role"]) == ("core", "core")
    assert groups["Available Storage"]["role"] == "available_storage" and groups["Available Storage"]["state"] == "Offline"
    assert groups[ZEROED_ARB]["role"] == "arc_resource_bridge"
    assert groups["ca-00000000-0000-0000-0000-000000000000"]["role"] == "moc"
    azl = result["azure_local"]
    assert azl["detected"] is True and azl["listing_complete"] is True
    assert azl["missing_services"] == [] and azl["offline_services"] == []
    assert azl["resource_bridge"]["group"] == ZEROED_ARB and azl["resource_bridge"]["owner_node"] == "Node01"
    assert result["summary"]["groups_not_online"] == []  # Available Storage Offline is not a problem
    assert result["summary"]["groups_by_role"]["azure_local_service"] == 5


def test_filtered_listing_reports_nothing_missing(load_data):
    result = _cluster.cluster_summary(load_data("captures/get-clustergroup_update-filtered_azurelocal_tsg.txt"))
    azl = result["azure_local"]
    assert azl["detected"] is True and azl["listing_complete"] is False and azl["missing_services"] == []
    update = [s for s in azl["services"] if s["service"] == "update"][0]
    assert (update["present"], update["owner_node"], update["state"]) == (True, "v-Host2", "Online")


def test_complete_listing_without_a_service_reports_it_missing(load_data):
    lines = [line for line in load_data(FULL).splitlines() if "Download" not in line]
    azl = _cluster.cluster_summary("\n".join(lines))["azure_local"]
    assert azl["listing_complete"] is True and azl["missing_services"] == ["download"]


def test_available_storage_is_available_storage_also_when_core():
    groups = [{"Name": "Available Storage", "GroupType": "AvailableStorage", "IsCoreGroup": True, "State": "Offline"},
              {"Name": "Cluster Group", "GroupType": "Cluster", "IsCoreGroup": True, "State": "Online"}]
    result = _cluster.cluster_summary(groups)
    assert [g["role"] for g in result["groups"]] == ["available_storage", "core"]
    assert result["summary"]["groups_not_online"] == [] and result["azure_local"]["listing_complete"] is True


@pytest.mark.parametrize("state, listed", [("Failed", ["Available Storage"]), ("Offline", [])])
def test_available_storage_failed_is_still_reported(state, listed):
    result = _cluster.cluster_summary([{"Name": "Available Storage", "State": state, "OwnerNode": "n1"}])
    assert result["summary"]["groups_not_online"] == listed


def test_appliance_group_on_aks_hybrid_and_without_evidence(load_data):
    groups = [{"Name": ARB, "State": "Online", "OwnerNode": "n1"}, {"Name": "Cluster Group", "State": "Online"}]
    nothing = _cluster.cluster_summary(groups)
    group = by_name(nothing["groups"])[ARB]
    assert (group["role"], group["service"]) == ("virtual_machine", "resource_bridge_candidate")
    assert nothing["azure_local"]["resource_bridge"] is None
    assert nothing["azure_local"]["resource_bridge_candidates"] == [ARB]
    assert "no platform evidence" in nothing["azure_local"]["appliance"]["reason"]
    ws2022 = load_data("host_facts/ws2022_datacenter_20348_3807.json")
    aks = _cluster.cluster_summary(groups, node_facts={"n1": _identity_of(ws2022)})
    group = by_name(aks["groups"])[ARB]
    assert (group["role"], group["service"]) == ("virtual_machine", "aks_management_cluster")
    assert aks["azure_local"]["aks_management_clusters"] == [ARB] and aks["azure_local"]["resource_bridge_candidates"] == []


def test_node_facts_identity_tells_the_platform(load_data):
    groups = [{"Name": ARB, "State": "Online", "OwnerNode": "n1"}]
    facts = load_data("host_facts/azurelocal_2506_26100_4349.json")
    result = _cluster.cluster_summary(groups, node_facts={"n1": facts})
    assert by_name(result["groups"])[ARB]["role"] == "arc_resource_bridge"
    assert result["azure_local"]["detected"] is True
    assert result["azure_local"]["evidence"][0].startswith("node_facts[n1]: edition_id ServerAzureStackHCICor")


def test_network_controller_resources_without_their_groups_enable_sdn():
    groups = [{"Name": "Cluster Group", "GroupType": 1, "State": 0}]
    resources = [{"Name": "ApiService", "ResourceType": "Generic Service", "State": "Online", "OwnerGroup": "NC"},
                 {"Name": "Cluster Name", "ResourceType": "Network Name", "State": "Online", "OwnerGroup": "Cluster Group"}]
    sdn = _cluster.cluster_summary(groups, resources=resources)["azure_local"]["sdn"]
    assert sdn == {"enabled": True, "groups": [], "resources": ["ApiService"]}


def test_node_os_with_too_little_data_is_unknown():
    nodes = [{"Name": "A", "MajorVersion": 10, "MinorVersion": 0, "BuildNumber": 26100}, {"Name": "B"}]
    node_os = _cluster.cluster_summary(nodes)["node_os"]
    assert node_os["consistent"] is None and node_os["verdict"] == "unknown"
    assert node_os["message"] == "Too little data to tell: no OS build is known for B."


def test_access_denied_is_one_rule():
    """The cluster's QueryError (HResult, any language) and a probe error (English text) use _winraw's rule."""
    assert _cluster._is_access_denied({"Message": "Zugriff verweigert", "ExceptionType": "Win32Exception", "HResult": -2147024891})
    assert _cluster._is_access_denied({"message": "Access is denied", "type": "CimException"})
    assert not _cluster._is_access_denied({"Message": "RPC server unavailable", "ExceptionType": "Win32Exception",
                                           "HResult": -2147023174, "NativeErrorCode": 1722})


def _identity_of(facts):
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils._identity import host_identity

    return host_identity(facts)


def test_azure_local_summary_called_with_the_local_registry_alone():
    groups = [_cluster.normalize_group({"Name": "Cluster Group", "GroupType": 1, "State": 0})]
    local_os = {"edition_id": "ServerAzureStackHCICor", "product_name": "Azure Stack HCI", "build": 26100}
    azl = _cluster.azure_local_summary(groups, [], local_os)
    assert azl["detected"] is True and azl["evidence"] == ["local node registry: edition_id ServerAzureStackHCICor"]
    nodes = [_cluster.normalize_node({"Name": "A", "MajorVersion": 10, "MinorVersion": 0, "BuildNumber": 26100})]
    assert _cluster.node_os_consistency(nodes, node_facts={"a": "10.0.26100.4349"})["complete"] is True
