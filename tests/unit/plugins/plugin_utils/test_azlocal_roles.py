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


def group(name, group_type=None, is_core=False):
    return {"name": name, "group_type": group_type, "is_core": is_core}


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
    (group("Cluster Group", "Cluster"), "core_group_type", "core"),
    (group("Available Storage", "AvailableStorage"), "available_storage", "available_storage"),
    (group("SOFS", "ScaleoutFileServer"), "storage", "storage"),
    (group("Cloud Management", "Unknown"), "cloud_management", "azure_local_service"),
    (group("cloud management"), "cloud_management", "azure_local_service"),
    (group("Azure Stack HCI Orchestrator Service Cluster Group", "GenericService"), "orchestrator", "azure_local_service"),
    (group("Azure Stack HCI Update Service Cluster Group"), "update", "azure_local_service"),
    (group("Azure Stack HCI Download Service Cluster Group"), "download", "azure_local_service"),
    (group("Azure Local Health Service Cluster Group"), "health", "azure_local_service"),
    (group("ca-5deb3fc5-59b2-478a-b60c-7d03dfe3e86e", "Unknown"), "moc_cloud_agent", "moc"),
    (group(ARB, "VirtualMachine"), "arc_resource_bridge", "arc_resource_bridge"),
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
