"""Chain tests: what the PowerShell collectors printed under PowerShell 7 goes through the Python interpretation.

The collector output comes from one of (in this order):

* HVAZLOCAL_COLLECTOR_OUTPUT: a folder written by tests/powershell/e2e/run_e2e.py (the pwsh-e2e gate runs
  these tests on its ansible-playbook output), or by dump_collectors.ps1;
* tests/powershell/e2e/dump_collectors.ps1, run here when pwsh (PowerShell 7) is on PATH: every collector on
  every fake host through Ansible.Basic, in one pwsh process;
* nothing: in CI (CI=true) that is a failure; elsewhere every test here is skipped, saying why.

The fake hosts are the fixtures of tests/powershell/fixtures (README there): a Windows Server 2025 host and
an Azure Local 24H2 node at 26100.4349, a third node at 26100.4061, a node reached without rights, a host
without Hyper-V and a Windows guest.
"""
import json
import os
import shutil
import subprocess

import pytest

from ansible_collections.hyperv.azlocal.plugins.plugin_utils import _cluster, _compare, _identity, _vms
from ansible_collections.hyperv.azlocal.plugins.test import identical as identical_plugin

from ..contract import ROOT

DUMP = os.path.join(ROOT, "tests", "powershell", "e2e", "dump_collectors.ps1")
DATA = os.path.join(ROOT, "tests", "unit", "data")
HOSTS = ("ws2025-hv01", "azl-node1", "azl-node2-denied", "azl-node3", "ws2025-ec2-nohyperv", "ws2025-guest-web01")
ARB = "c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de"


@pytest.fixture(scope="session")
def collector_output(tmp_path_factory):
    """host -> {host_facts, vm_info_raw, cluster_info_raw, guest_facts} as the collectors printed them."""
    folder = os.environ.get("HVAZLOCAL_COLLECTOR_OUTPUT")
    if not folder:
        pwsh = shutil.which("pwsh")
        if not pwsh:
            if os.environ.get("CI") == "true":
                pytest.fail("pwsh (PowerShell 7) is required in CI for the chain tests: put ../shared/tools/bin first on PATH")
            pytest.skip("pwsh (PowerShell 7) is not on PATH, so no collector ran: install PowerShell 7 or put "
                        "../shared/tools/bin first on PATH (or set HVAZLOCAL_COLLECTOR_OUTPUT to a run_e2e.py output)")
        folder = str(tmp_path_factory.mktemp("collector-output"))
        proc = subprocess.run([pwsh, "-NoLogo", "-NoProfile", "-NonInteractive", "-File", DUMP, "-Out", folder],
                              capture_output=True, text=True, timeout=1800, check=False)
        assert proc.returncode == 0, "dump_collectors.ps1 failed:\n%s\n%s" % (proc.stdout[-4000:], proc.stderr[-4000:])
    output = {}
    for host in HOSTS:
        path = os.path.join(folder, "hosts", host + ".json")
        assert os.path.exists(path), "no collector output for %s in %s" % (host, folder)
        with open(path, encoding="utf-8-sig") as handle:
            output[host] = json.load(handle)
    return output


def facts_of(output, host):
    return output[host]["host_facts"]["ansible_facts"]["hyperv_host"]


def raw_of(output, host, module):
    result = output[host][module + "_raw"]
    return result["_raw"], result.get("errors")


# --------------------------------------------------------------------------- host facts -> identity -> compare

def test_identity_of_each_host_comes_from_its_collector_output(collector_output):
    ws = _identity.host_identity(facts_of(collector_output, "ws2025-hv01"), host="ws2025-hv01")
    azl = _identity.host_identity(facts_of(collector_output, "azl-node1"), host="azl-node1")
    assert (ws["platform"], ws["version"], ws["solution_version"]) == ("windows_server", "10.0.26100.4349", None)
    assert (azl["platform"], azl["version"], azl["solution_version"]) == ("azure_local", "10.0.26100.4349", "12.2506.1001.29")
    assert azl["kernel"]["file_version"] == ws["kernel"]["file_version"] == "10.0.26100.4349"
    assert azl["hypervisor"]["image"] == ws["hypervisor"]["image"] == "hvix64.exe"
    assert azl["kernel"]["signature"]["status"] == "Valid"


def test_windows_server_and_azure_local_compare_identical_on_the_kernel_profile(collector_output):
    facts = {host: {"ansible_facts": {"hyperv_host": facts_of(collector_output, host)}} for host in ("ws2025-hv01", "azl-node1")}
    result = _compare.compare_hosts(facts, hosts=list(facts), profile="kernel")
    assert result["identical"], result["summary"]
    assert result["missing_hosts"] == []
    for label in ("kernel_sha256", "kernel_file_version", "hypervisor_sha256", "ubr", "build"):
        assert result["fields"][label]["identical"], (label, result["fields"][label]["values"])
    # reported, but allowed to differ
    assert sorted(result["expected_differences"]) == ["edition_id", "platform", "product_name"]
    assert identical_plugin.identical(facts, hosts=list(facts), profile="kernel") is True


def test_a_node_on_another_ubr_does_not_compare_identical(collector_output):
    facts = {host: {"ansible_facts": {"hyperv_host": facts_of(collector_output, host)}}
             for host in ("ws2025-hv01", "azl-node1", "azl-node3")}
    result = _compare.compare_hosts(facts, hosts=list(facts), profile="kernel")
    assert not result["identical"]
    for label in ("ubr", "kernel_sha256", "kernel_file_version"):
        assert result["fields"][label]["odd_hosts"] == ["azl-node3"], (label, result["fields"][label])
    assert result["fields"]["ubr"]["values"]["azl-node3"] == 4061
    assert identical_plugin.identical(facts, hosts=list(facts), profile="kernel") is False


def test_host_without_hyperv_is_interpreted_as_such(collector_output):
    identity = _identity.host_identity(facts_of(collector_output, "ws2025-ec2-nohyperv"), host="ec2")
    assert identity["hyperv_installed"] is False
    assert identity["hypervisor_present"] is True


# --------------------------------------------------------------------------- vm_info -> resource bridge

def test_resource_bridge_vm_is_flagged_from_vm_info_output(collector_output):
    raw, errors = raw_of(collector_output, "azl-node1", "vm_info")
    result = _vms.build_vm_info(raw, errors=errors, host="azl-node1")
    roles = {vm["name"]: vm["role"] for vm in result["vms"]}
    assert roles[ARB] == "arc_resource_bridge"
    assert roles["web01"] == "workload"
    bridge = [vm for vm in result["vms"] if vm["name"] == ARB][0]
    # The appliance name, the platform the collector's os_registry shows (Azure Local), and the cluster group.
    assert bridge["role_confidence"] == "platform_and_cluster_group"
    assert bridge["appliance"] == "arc_resource_bridge"
    assert bridge["owner_node"] == "v-Host1"
    assert bridge["state"] == "Running"


def test_vm_info_on_a_host_without_hyperv_says_so(collector_output):
    raw, errors = raw_of(collector_output, "ws2025-ec2-nohyperv", "vm_info")
    result = _vms.build_vm_info(raw, errors=errors, host="ec2")
    assert result["vms"] == []
    assert result["host"]["hyperv_available"] is False
    assert result["host"]["reason"] == "hyperv_not_installed"


def test_vm_info_access_denied_reaches_the_interpretation(collector_output):
    raw, errors = raw_of(collector_output, "azl-node2-denied", "vm_info")
    assert [e["type"] for e in errors if e["probe"] == "vms"] == ["VirtualizationException"]
    result = _vms.build_vm_info(raw, errors=errors, host="azl-node2")
    assert result["vms"] == []
    assert result["host"]["hyperv_available"] is False
    assert result["host"]["reason"] == "access_denied", result["host"]["message"]


# --------------------------------------------------------------------------- cluster_info -> Azure Local, node OS

def test_cluster_info_output_yields_the_azure_local_services(collector_output):
    raw, errors = raw_of(collector_output, "azl-node1", "cluster_info")
    result = _cluster.build_cluster_info(raw, errors=errors, host="azl-node1")
    assert result["reason"] is None, result["message"]
    assert result["cluster"]["name"] == "AZL-CL01"
    azure_local = result["azure_local"]
    assert azure_local["detected"] is True
    services = {entry["service"]: entry for entry in azure_local["services"]}
    for service in ("cloud_management", "orchestrator", "update", "download", "health", "moc_cloud_agent", "arc_resource_bridge"):
        assert services[service]["present"], (service, services[service])
        assert services[service]["online"], (service, services[service])
    assert azure_local["missing_services"] == []
    assert azure_local["resource_bridge"]["group"] == ARB
    assert azure_local["infrastructure_volume"]["name"] == "Cluster Virtual Disk (Infrastructure_1)"


def test_cluster_info_node_os_consistency_names_the_node_on_another_ubr(collector_output):
    raw, errors = raw_of(collector_output, "azl-node1", "cluster_info")
    node_facts = {node: facts_of(collector_output, host) for node, host in
                  (("v-Host1", "azl-node1"), ("v-Host2", "azl-node2-denied"), ("v-Host3", "azl-node3"))}
    result = _cluster.build_cluster_info(raw, errors=errors, node_facts=node_facts, host="azl-node1")
    node_os = result["node_os"]
    assert node_os["consistent"] is False
    assert node_os["complete"] is True
    assert node_os["differing_nodes"] == ["v-Host3"]
    assert "v-Host3 is running on 10.0.26100.4061" in node_os["message"]
    # Without the other nodes' facts only the local node's UBR is known: builds agree, UBRs unknown.
    alone = _cluster.build_cluster_info(raw, errors=errors, host="azl-node1")["node_os"]
    assert alone["consistent"] is True
    assert alone["ubr_unknown"] == ["v-Host2", "v-Host3"]


def test_cluster_info_access_denied_gives_a_reason(collector_output):
    raw, errors = raw_of(collector_output, "azl-node2-denied", "cluster_info")
    result = _cluster.build_cluster_info(raw, errors=errors, host="azl-node2")
    assert result["cluster"] is None
    assert result["reason"] == "access_denied", result["message"]


def test_cluster_info_on_a_standalone_host_gives_a_reason(collector_output):
    raw, errors = raw_of(collector_output, "ws2025-hv01", "cluster_info")
    result = _cluster.build_cluster_info(raw, errors=errors, host="ws2025-hv01")
    assert result["cluster"] is None
    assert result["reason"] is not None


# --------------------------------------------------------------------------- the hand-written samples' shape

def key_paths(value, prefix=""):
    """Every key path of a JSON value; list items share one path segment '[]'."""
    paths = set()
    if isinstance(value, dict):
        for key, item in value.items():
            path = "%s.%s" % (prefix, key) if prefix else key
            paths.add(path)
            paths |= key_paths(item, path)
    elif isinstance(value, list):
        for item in value:
            paths |= key_paths(item, prefix + "[]")
    return paths


def load_sample(relative):
    with open(os.path.join(DATA, relative), encoding="utf-8") as handle:
        return json.load(handle)


def shape_difference(sample, emitted):
    """(paths only the sample has, paths only the collector emitted), for the parts both have."""
    shared = set(sample) & set(emitted)
    sample_paths = set().union(*(key_paths(sample[k], k) for k in shared))
    emitted_paths = set().union(*(key_paths(emitted[k], k) for k in shared))
    return sorted(sample_paths - emitted_paths), sorted(emitted_paths - sample_paths)


# sample file -> (fake host, how to read the collector output); every part of a sample must be emitted.
SHAPE_PAIRS = [
    ("host_facts/ws2025_datacenter_26100_4349.json", "ws2025-hv01", "host_facts"),
    ("host_facts/azurelocal_2506_26100_4349.json", "azl-node1", "host_facts"),
    ("host_facts/azurelocal_2505_26100_4061.json", "azl-node3", "host_facts"),
    ("host_facts/ws2025_ec2_no_hyperv.json", "ws2025-ec2-nohyperv", "host_facts"),
    ("vm_info/azurelocal_node.json", "azl-node1", "vm_info"),
    ("vm_info/standalone_host_includes.json", "ws2025-hv01", "vm_info"),
    ("vm_info/no_hyperv.json", "ws2025-ec2-nohyperv", "vm_info"),
    ("vm_info/access_denied.json", "azl-node2-denied", "vm_info"),
    ("cluster_info/azurelocal_3node.json", "azl-node1", "cluster_info"),
    ("cluster_info/standalone_host.json", "ws2025-hv01", "cluster_info"),
    ("cluster_info/access_denied.json", "azl-node2-denied", "cluster_info"),
]


@pytest.mark.parametrize("sample, host, kind", SHAPE_PAIRS, ids=[pair[0] for pair in SHAPE_PAIRS])
def test_collectors_emit_the_shape_of_the_hand_written_samples(collector_output, sample, host, kind):
    if kind == "host_facts":
        data, emitted = load_sample(sample), facts_of(collector_output, host)
    else:
        data, emitted = load_sample(sample)["_raw"], raw_of(collector_output, host, kind)[0]
    only_sample, only_emitted = shape_difference(data, emitted)
    missing_parts = sorted(set(data) - set(emitted))
    assert missing_parts == [], "%s: parts the collector did not emit on %s" % (sample, host)
    assert only_sample == [], "%s: key paths the collector does not emit on %s" % (sample, host)
    assert only_emitted == [], "%s: key paths the collector emits that the sample lacks" % sample
