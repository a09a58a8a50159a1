"""The `guest` profile: Hyper-V guests compared with each other and with their own snapshots (drift), on guest facts
the Linux module really builds from the fake root trees."""
import copy

import pytest

from ansible_collections.hyperv.azlocal.plugins.modules import guest_facts
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._compare import compare_hosts
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._profiles import PROFILES

from .test_guest_facts import make_tree, trees


@pytest.fixture(name="guest")
def guest_fixture(tmp_path):
    """hyperv_guest facts of the on-premises Generation 2 guest tree (runs on HV-NODE01)."""
    root = make_tree(tmp_path, trees()["hyperv_gen2_onprem"])
    facts, warnings = guest_facts.build_linux_facts(guest_facts.collect(root))
    assert warnings == []
    return facts


def moved(facts, host):
    other = copy.deepcopy(facts)
    other["host"].update({"name": host, "physical_name": host, "physical_name_fqdn": host.lower() + ".contoso.local"})
    return other


def test_the_profile_reads_the_guest_document():
    profile = PROFILES["guest"]
    assert {spec["query"].split(".")[0] for spec in profile["fields"].values()} == {"hyperv_guest"}
    assert profile["expect_different"] == ["host_name", "host_physical_name_fqdn"]
    assert {"hypervisor", "generation", "integration_services", "host_name"} <= set(profile["fields"])


def test_every_field_has_a_value_on_a_hyperv_guest(guest):
    result = compare_hosts({"web01": {"hyperv_guest": guest}, "web02": {"hyperv_guest": guest}}, profile="guest")
    assert [label for label, entry in result["fields"].items() if entry["missing"]] == []
    assert result["fields"]["hypervisor"]["values"] == {"web01": "hyperv", "web02": "hyperv"}
    assert result["fields"]["generation"]["values"]["web01"] == 2
    assert result["fields"]["host_name"]["values"]["web01"] == "HV-NODE01"
    assert result["identical"] is True


def test_guests_on_different_nodes_are_identical_with_the_host_named(guest):
    result = compare_hosts({"web01": {"hyperv_guest": guest}, "web02": {"hyperv_guest": moved(guest, "HV-NODE02")}},
                           profile="guest")
    assert result["identical"] is True
    assert result["differences"] == []
    assert sorted(result["expected_differences"]) == ["host_name", "host_physical_name_fqdn"]


def test_drift_documents_as_the_drift_playbook_builds_them(guest):
    """drift.yml compares {hyperv_guest} (the snapshot the facts role saved) with {hyperv_host: null, hyperv_guest}."""
    now = copy.deepcopy(guest)
    now["integration_services"]["hv_kvp_daemon"]["state"] = "not_running"
    documents = {"web01 (snapshot)": {"hyperv_guest": guest}, "web01 (now)": {"hyperv_host": None, "hyperv_guest": now}}
    result = compare_hosts(documents, profile="guest", baseline="web01 (snapshot)")
    assert result["identical"] is False
    assert result["differences"] == ["integration_services"]
    unchanged = {"web01 (snapshot)": {"hyperv_guest": guest},
                 "web01 (now)": {"hyperv_host": None, "hyperv_guest": moved(guest, "HV-NODE02")}}
    assert compare_hosts(unchanged, profile="guest", baseline="web01 (snapshot)")["identical"] is True


def test_a_guest_that_moved_to_another_hypervisor_differs(guest, tmp_path):
    vmware = make_tree(tmp_path / "vmware", trees()["vmware_guest"])
    other = guest_facts.build_linux_facts(guest_facts.collect(vmware))[0]
    result = compare_hosts({"web01": {"hyperv_guest": guest}, "web02": {"hyperv_guest": other}}, profile="guest")
    assert result["identical"] is False
    assert {"is_hyperv_guest", "hypervisor"} <= set(result["differences"])


def test_hostvars_are_read_through_ansible_facts(guest):
    hostvars = {"web01": {"ansible_facts": {"hyperv_guest": guest}},
                "web02": {"ansible_facts": {"hyperv_guest": moved(guest, "HV-NODE02")}},
                "ws2025-hv01": {"ansible_facts": {}}}
    result = compare_hosts(hostvars, ["web01", "web02"], profile="guest", source="ansible_facts")
    assert result["identical"] is True
    assert result["fields"]["host_name"]["values"] == {"web01": "HV-NODE01", "web02": "HV-NODE02"}
