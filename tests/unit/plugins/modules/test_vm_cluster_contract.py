"""Contract tests: every raw key the Python interpretation reads is one the PowerShell collector writes.

The interpretation runs on collector-shaped samples wrapped by record_reads(); the keys it looked up must all
be in emitted_keys() of plugins/modules/<collector>.ps1 (and the probe runner it imports). The second assert
of each test makes sure the wrapping saw the reads that matter, so the first cannot pass by reading nothing.
"""

import copy

import pytest

from ansible_collections.hyperv.azlocal.plugins.plugin_utils import _cluster, _vms

from ...contract import collector_path, emitted_keys, record_reads

# vm_info's _raw carries the host's registry CurrentVersion values under os_registry, the probe host_facts uses
# (Get-HvAzLocalOsRegistryProbe in module_utils; null when that read failed), so the platform rule has the host's
# build and platform from the same round trip.


def _recorded_raw(raw):
    """(wrapped raw, keys read outside os_registry, keys read inside it): the two halves have two contracts."""
    raw = copy.deepcopy(raw)
    os_registry = raw.pop("os_registry", None)
    wrapped, seen = record_reads(raw)
    registry, seen_registry = record_reads(os_registry)
    if "os_registry" in raw or os_registry is not None:
        dict.__setitem__(wrapped, "os_registry", registry)
    return wrapped, seen, seen_registry


def _host_facts_os_registry_keys():
    return emitted_keys(collector_path("host_facts"))


@pytest.mark.parametrize("sample", [
    "vm_info/azurelocal_node.json",
    "vm_info/standalone_host_includes.json",
    "vm_info/no_hyperv.json",
    "vm_info/access_denied.json",
])
def test_vm_info_reads_only_what_the_collector_writes(load_data, sample):
    data = load_data(sample)
    raw, seen, seen_registry = _recorded_raw(data["_raw"])
    errors, seen_errors = record_reads(copy.deepcopy(data["errors"]))
    _vms.build_vm_info(raw, errors=errors, host="h")
    emitted = emitted_keys(collector_path("vm_info"))
    assert (seen | seen_errors) - emitted == set()
    assert {"host", "VmmsState", "ComputerName", "os_registry"} <= seen
    # inside os_registry: only the keys host_facts' os_registry probe writes, and the ones the platform needs
    assert seen_registry - _host_facts_os_registry_keys() == set()
    assert {"edition_id", "product_name", "current_build_number", "installation_type"} <= seen_registry


def test_vm_info_collector_writes_os_registry():
    assert "os_registry" in emitted_keys(collector_path("vm_info"))
    assert "Get-HvAzLocalOsRegistryProbe" in open(collector_path("vm_info"), encoding="utf-8").read()


def test_vm_info_reads_every_vm_field(load_data):
    data = load_data("vm_info/standalone_host_includes.json")
    raw, seen, _seen_registry = _recorded_raw(data["_raw"])
    _vms.build_vm_info(raw, host="h")
    fields = {keys[0] for keys, *_rest in (f[1:] for f in _vms.VM_FIELDS)}
    include_fields = {f[1][0] for fields_ in _vms.INCLUDE_FIELDS.values() for f in fields_}
    assert fields | include_fields | {"vms", "VMId", "integration_services", "network_adapters", "hard_drives"} <= seen
    assert seen - (emitted_keys(collector_path("vm_info"))) == set()


def test_vm_info_cluster_groups_contract(load_data):
    data = load_data("vm_info/azurelocal_node.json")
    raw, seen, _seen_registry = _recorded_raw(data["_raw"])
    _vms.build_vm_info(raw, host="h")
    assert {"cluster_groups", "Groups", "GroupType", "OwnerNode", "IsCoreGroup"} <= seen
    assert seen - (emitted_keys(collector_path("vm_info"))) == set()


@pytest.mark.parametrize("sample", [
    "cluster_info/azurelocal_3node.json",
    "cluster_info/windows_server_cluster.json",
    "cluster_info/mixed_builds_upgrade.json",
    "cluster_info/standalone_host.json",
    "cluster_info/access_denied.json",
])
def test_cluster_info_reads_only_what_the_collector_writes(load_data, sample):
    data = load_data(sample)
    raw, seen = record_reads(copy.deepcopy(data["_raw"]))
    errors, seen_errors = record_reads(copy.deepcopy(data["errors"]))
    _cluster.build_cluster_info(raw, errors=errors, host="h")
    assert (seen | seen_errors) - emitted_keys(collector_path("cluster_info")) == set()
    assert {"prerequisites", "ClusterService"} <= seen


def test_cluster_info_reads_every_kind(load_data):
    data = load_data("cluster_info/azurelocal_3node.json")
    raw, seen = record_reads(copy.deepcopy(data["_raw"]))
    _cluster.build_cluster_info(raw, host="h")
    expected = {"cluster", "nodes", "groups", "resources", "shared_volumes", "networks", "quorum", "LocalOs", "UBR",
                "CurrentBuildNumber", "EditionID", "SharedVolumeInfo", "FriendlyVolumeName", "Partition", "FreeSpace",
                "QuorumType", "QuorumResourceType", "BuildNumber", "IsCoreResource", "OwnerGroup", "S2DEnabled"}
    assert expected <= seen
    assert seen - emitted_keys(collector_path("cluster_info")) == set()


def test_cluster_query_error_contract(load_data):
    data = load_data("cluster_info/access_denied.json")
    raw, seen = record_reads(copy.deepcopy(data["_raw"]))
    _cluster.build_cluster_info(raw, host="h")
    assert {"QueryError", "Message", "HResult", "NativeErrorCode", "ExceptionType"} <= seen
    assert seen - emitted_keys(collector_path("cluster_info")) == set()


@pytest.mark.parametrize("collector", ["vm_info", "cluster_info"])
def test_collector_writes_collected_at(collector):
    assert "collected_at" in emitted_keys(collector_path(collector))
