"""The role table (plugin_utils/_azlocal_roles.py).

Names come from the public sources the table cites: the MOC appliance and AKS control-plane VM names of
MicrosoftDocs azure-stack-docs aks-hci/stop-start-cluster.md (capture get-vm_control-plane_names_akshci_msdocs.txt),
the MOC cloud agent FQDN of microsoft/azure_arc#2106 (capture mocctl_error_cloudfqdn_ca-guid_azure_arc2106.txt),
the Azure Local cluster group names of the Azure/AzureLocal-Supportability TSGs.
"""

import pytest

from ansible_collections.hyperv.azlocal.plugins.plugin_utils import _azlocal_roles as r

ARB = "c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de"
AKS = "my-cluster-control-plane-q9mbp-ae97a3e5"


def group(name, group_type=None, is_core=False, appliance=None):
    return {"name": name, "group_type": group_type, "is_core": is_core, "appliance": appliance}


def test_capture_names_match_their_patterns(load_data):
    names = load_data("captures/get-vm_control-plane_names_akshci_msdocs.txt").split()
    assert names == [ARB, AKS]
    assert r.ARB_VM_NAME.match(names[0]) and not r.AKS_CONTROL_PLANE_NAME.match(names[0])
    # the AKS control plane contains -control-plane- and matches Microsoft's selector, yet never the bridge pattern
    assert r.AKS_CONTROL_PLANE_NAME.match(names[1]) and not r.ARB_VM_NAME.match(names[1])
    assert r.like(r.ARB_GROUP_SELECTOR, names[1]) and r.like(r.ARB_GROUP_SELECTOR, names[0])
    fqdn = load_data("captures/mocctl_error_cloudfqdn_ca-guid_azure_arc2106.txt").split("--cloudFqdn ")[1].split()[0]
    assert r.MOC_CLOUD_AGENT_GROUP.match(fqdn.split(".")[0])


@pytest.mark.parametrize("name", [
    ARB.upper(),
    "00000000-0000-4000-8000-000000000000-control-plane-0-0123abcd",
    "c8bf39ad67bd4a7dac77638be6eecf46-control-plane-0-d38498de",  # the GUID without dashes
])
def test_arb_pattern_accepts(name):
    assert r.ARB_VM_NAME.match(name)


@pytest.mark.parametrize("name", [
    AKS,
    # a workload cluster named with a GUID is still a workload control plane: its index is 5 characters, not 0
    "c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-q9mbp-ae97a3e5",
    "c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-1-d38498de",
    "c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de-old",
    "web01",
])
def test_arb_pattern_rejects(name):
    assert not r.ARB_VM_NAME.match(name)


@pytest.mark.parametrize("subject, rule_id, role", [
    (group("Cluster Group", "Cluster", True), "core_group", "core"),
    (group("Cluster Group", "Cluster"), "core_group_name", "core"),
    (group("Core", "Cluster"), "core_group_type", "core"),
    (group("Cluster Group"), "core_group_name", "core"),  # a Get-ClusterGroup table: Name, OwnerNode, State only
    (group("SDDC Group"), "sddc_group", "core"),
    (group("Health", "CoreSddc"), "sddc_group_type", "core"),
    (group("Available Storage", "AvailableStorage", True), "available_storage_name", "available_storage"),
    (group("Available Storage"), "available_storage_name", "available_storage"),
    (group("Disks", "AvailableStorage"), "available_storage", "available_storage"),
    (group("SOFS", "ScaleoutFileServer"), "storage", "storage"),
    (group("Cloud Management", "Unknown"), "cloud_management", "azure_local_service"),
    (group("cloud management"), "cloud_management", "azure_local_service"),
    (group("Azure Stack HCI Orchestrator Service Cluster Group", "GenericService"), "orchestrator", "azure_local_service"),
    (group("Azure Stack HCI Update Service Cluster Group"), "update", "azure_local_service"),
    (group("Azure Stack HCI Download Service Cluster Group"), "download", "azure_local_service"),
    (group("Azure Local Health Service Cluster Group"), "health", "azure_local_service"),
    (group("ca-5deb3fc5-59b2-478a-b60c-7d03dfe3e86e", "Unknown"), "moc_cloud_agent", "moc"),
    (group(ARB, "VirtualMachine", appliance="arc_resource_bridge"), "arc_resource_bridge", "arc_resource_bridge"),
    (group(ARB, "VirtualMachine", appliance="aks_management_cluster"), "aks_management_cluster", "virtual_machine"),
    (group(ARB, "VirtualMachine"), "resource_bridge_candidate", "virtual_machine"),
    (group(AKS, "VirtualMachine"), "aks_control_plane", "virtual_machine"),
    (group("appliance-control-plane", "VirtualMachine"), "control_plane_unrecognised", "virtual_machine"),
    (group("SlbManagerService", "GenericService"), "sdn_network_controller", "sdn"),
    (group("web01", "VirtualMachine"), "virtual_machine", "virtual_machine"),
])
def test_group_rules(subject, rule_id, role):
    rule = r.first_match(r.GROUP_RULES, subject)
    assert (rule["id"], rule["role"]) == (rule_id, role)


@pytest.mark.parametrize("subject", [
    group("Task Scheduler", "TaskScheduler"),
    group("Azure Stack HCI Update Service Cluster Group (old)"),
    group("ca-not-a-guid", "Unknown"),
    group("", None),
])
def test_group_without_rule(subject):
    assert r.first_match(r.GROUP_RULES, subject) is None


def test_every_rule_names_a_known_role_and_a_source():
    for rule in r.GROUP_RULES + r.RESOURCE_RULES:
        assert rule["role"] in r.ROLES, rule["id"]
        assert rule["source"], rule["id"]
    ids = [rule["id"] for rule in r.GROUP_RULES + r.RESOURCE_RULES]
    assert len(ids) == len(set(ids))


def test_expected_services_in_table_order():
    services = [service for service, _rule in r.expected_services()]
    assert services == ["cloud_management", "orchestrator", "update", "download", "health", "moc_cloud_agent", "arc_resource_bridge"]


def test_condition_on_a_missing_value_does_not_hold():
    rule = {"id": "t", "match": {"group_type": ("VirtualMachine",)}, "_sets": {"group_type": frozenset({"virtualmachine"})}}
    assert not r.rule_matches(rule, {"name": "x", "group_type": None})
    assert r.rule_matches(rule, {"name": "x", "group_type": "virtualMachine"})


def test_zeroed_id_of_microsofts_listing_is_the_appliance_name(load_data):
    """Microsoft's Azure Local listing writes the bridge's id as 45 zeros without dashes."""
    text = load_data("captures/get-clustergroup_azurelocal_full_zeroed_ids_msdocs.txt")
    names = [line.split("  ")[0] for line in text.splitlines()[2:]]
    assert [name for name in names if r.ARB_VM_NAME.match(name)] == [
        "000000000000000000000000000000000000000000000-control-plane-0-00000000"]


# --- the platform rule (APPLIANCE_RULES) ------------------------------------------------------------------------

def ev(platform=None, build=None, services=()):
    return r.evidence("test", platform=platform, build=build, basis="basis", service_groups=services)


@pytest.mark.parametrize("evidences, appliance, rules", [
    ([ev("azure_local", 26100)], "arc_resource_bridge", ["azure_local_23h2_or_later"]),
    ([ev("azure_local", 25398)], "arc_resource_bridge", ["azure_local_23h2_or_later"]),
    ([ev(services=("update",))], "arc_resource_bridge", ["azure_local_service_groups"]),
    ([ev("azure_local", 20349)], "aks_management_cluster", ["azure_stack_hci_22h2_or_earlier"]),
    ([ev("azure_local", 17784)], "aks_management_cluster", ["azure_stack_hci_22h2_or_earlier"]),
    ([ev("windows_server", 20348)], "aks_management_cluster", ["windows_server_aks_hybrid"]),
    ([ev("azure_local", 26100), ev(services=("health", "orchestrator"))], "arc_resource_bridge",
     ["azure_local_23h2_or_later", "azure_local_service_groups"]),
])
def test_decide_appliance(evidences, appliance, rules):
    decision = r.decide_appliance(evidences + [None])
    assert (decision["appliance"], decision["rules"], decision["reason"]) == (appliance, rules, None)
    assert len(decision["basis"]) == len(rules)


@pytest.mark.parametrize("evidences, reason", [
    ([], "no platform evidence"),
    ([ev("azure_local", None)], "names no platform with a known appliance: test: platform azure_local, build None"),
    ([ev("windows_client", 26100)], "names no platform with a known appliance"),
    ([ev(services=("cloud_management",))], "names no platform with a known appliance"),
    ([ev("azure_local", 20349), ev(services=("update",))], "the platform evidence disagrees"),
])
def test_without_a_decisive_platform_there_is_only_a_reason(evidences, reason):
    decision = r.decide_appliance(evidences)
    assert decision["appliance"] is None and reason in decision["reason"]


def test_every_appliance_rule_names_a_known_appliance_and_a_source():
    for rule in r.APPLIANCE_RULES:
        assert rule["appliance"] in r.APPLIANCES and rule["source"] and rule["when"], rule["id"]


def test_identity_evidence_reads_results_and_raw_facts(load_data):
    raw = load_data("host_facts/azurelocal_2506_26100_4349.json")
    from_facts = r.identity_evidence(raw, "node")
    assert (from_facts["platform"], from_facts["build"]) == ("azure_local", 26100)
    result = {"platform": "windows_server", "build": 20348, "platform_basis": "edition_id ServerDatacenter", "sources": ["host_facts"]}
    assert r.identity_evidence(result, "node")["platform"] == "windows_server"
    assert r.identity_evidence(None, "node") is None
    with pytest.raises(TypeError, match="identity must be a host_identity result or hyperv_host facts, got str"):
        r.identity_evidence("azure_local", "identity")


@pytest.mark.parametrize("subject, rule_id", [
    ({"name": ARB, "appliance": "arc_resource_bridge"}, "arc_resource_bridge"),
    ({"name": ARB, "appliance": "aks_management_cluster"}, "aks_management_cluster"),
    ({"name": ARB, "appliance": None}, "resource_bridge_candidate"),
    ({"name": AKS, "appliance": "arc_resource_bridge"}, "aks_control_plane"),
    ({"name": "vendor-control-plane-vm"}, "control_plane_name"),
    ({"name": "appliance01", "group_name": "x-control-plan-y"}, "control_plane_group"),
])
def test_vm_rules(subject, rule_id):
    assert r.first_match(r.VM_RULES, subject)["id"] == rule_id


def test_a_vm_no_rule_matches_is_a_workload_and_every_vm_rule_is_sourced():
    assert r.first_match(r.VM_RULES, {"name": "web01", "group_name": "web01"}) is None
    for rule in r.VM_RULES:
        assert rule["role"] in r.VM_ROLES and rule["source"], rule["id"]
