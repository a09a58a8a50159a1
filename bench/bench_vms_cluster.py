"""Benchmark of the VM and cluster interpretation (plugins/plugin_utils/_vms.py, _cluster.py). Run by hand, never in CI.

    python bench/bench_vms_cluster.py            # 1,000 VMs and 500 cluster groups (the issue's target)
    python bench/bench_vms_cluster.py --scale 10 # ten times as many, to see the cost stay linear

What it measures, on synthetic data in the shapes the collectors return (tests/unit/data/*/ samples are the
templates: enum names, seconds, UTC ISO 8601; one resource bridge, AKS control planes and workloads):

1. build_vm_info: 1,000 VMs with every include (3 integration services, 1 network adapter, 1 hard drive each) and the
   500 cluster groups the collector read, i.e. normalise, join, classify against the groups, summarise.
2. build_cluster_info: 500 groups, 1,500 resources, 16 nodes, 64 CSVs, with node_facts for every node (the full
   UBR comparison).
3. classify_vms and cluster_summary on the same data as Windows PowerShell 5.1 ConvertTo-Json writes it (State and
   GroupType numbers, TimeSpan objects, \\/Date()\\/ times, OwnerNode objects) - the filters users call.

Each figure is the best of several runs (wall clock, in-process). Run from the repository root; ./collections
(created by pytest-ansible) provides ansible_collections.hyperv.azlocal.
"""
import argparse
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLLECTIONS = os.path.join(ROOT, "collections")
if not os.path.isdir(os.path.join(COLLECTIONS, "ansible_collections", "hyperv", "azlocal")):
    sys.exit("bench_vms_cluster: run pytest once from the repository root so ./collections links the collection")
sys.path.insert(0, COLLECTIONS)

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._cluster import build_cluster_info, cluster_summary  # noqa: E402
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._vms import build_vm_info, classify_vms  # noqa: E402

ARB = "c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de"
STATES = ("Running", "Running", "Running", "Off", "Saved", "Paused")
STATE_NUMBERS = {"Running": 2, "Off": 3, "Saved": 6, "Paused": 9}
GROUP_STATES = {"Online": 0, "Offline": 1}
GROUP_TYPES = {"VirtualMachine": 111, "Cluster": 1, "AvailableStorage": 2, "GenericService": 108}


def vm_names(count):
    names = [ARB] + ["aks%03d-control-plane-%05d-%08x" % (i, i, i) for i in range(count // 100)]
    return names + ["vm%05d" % i for i in range(count - len(names))]


def collector_vms(count, nodes):
    vms, ics, nics, disks = [], [], [], []
    for i, name in enumerate(vm_names(count)):
        vm_id = "5c1e9a4b-2f8d-4e57-9a3c-%012d" % i
        state = STATES[i % len(STATES)]
        vms.append({"Name": name, "Id": vm_id, "State": state, "Status": "Operating normally",
                    "Uptime": 3600.5 * (i % 50) if state == "Running" else 0.0, "Generation": 2, "Version": "12.0",
                    "ProcessorCount": 4, "MemoryStartup": 4 << 30, "MemoryAssigned": 4 << 30, "MemoryMinimum": 512 << 20,
                    "MemoryMaximum": 1 << 40, "DynamicMemoryEnabled": False, "IsClustered": True,
                    "ComputerName": nodes[i % len(nodes)], "Path": "C:\\ClusterStorage\\UserStorage_1\\" + name, "Notes": "",
                    "CreationTime": "2025-07-02T09:10:00.1234567Z"})
        for service in ("Heartbeat", "Key-Value Pair Exchange", "Shutdown"):
            ics.append({"VMId": vm_id, "VMName": name, "Name": service, "Enabled": True,
                        "PrimaryStatusDescription": "OK", "SecondaryStatusDescription": None})
        nics.append({"VMId": vm_id, "VMName": name, "Name": "Network Adapter", "MacAddress": "00155D%06X" % i,
                     "SwitchName": "ConvergedSwitch", "Connected": True, "DynamicMacAddressEnabled": True,
                     "IPAddresses": ["10.1.%d.%d" % (i // 250, i % 250)]})
        disks.append({"VMId": vm_id, "VMName": name, "Name": "Hard Drive on SCSI controller number 0 at location 0",
                      "Path": "C:\\ClusterStorage\\UserStorage_1\\%s\\disk.vhdx" % name, "ControllerType": "SCSI",
                      "ControllerNumber": 0, "ControllerLocation": 0, "DiskNumber": None})
    return vms, ics, nics, disks


def collector_groups(count, vms, nodes):
    groups = [{"Name": "Cluster Group", "Id": "g0", "GroupType": "Cluster", "State": "Online", "OwnerNode": nodes[0],
               "Priority": 3000, "IsCoreGroup": True},
              {"Name": "Available Storage", "Id": "g1", "GroupType": "AvailableStorage", "State": "Offline",
               "OwnerNode": nodes[1], "Priority": 1000, "IsCoreGroup": False}]
    for service in ("Orchestrator", "Update", "Download", "Health"):
        groups.append({"Name": "Azure Stack HCI %s Service Cluster Group" % service, "Id": "s" + service,
                       "GroupType": "GenericService", "State": "Online", "OwnerNode": nodes[2], "Priority": 2000, "IsCoreGroup": False})
    for vm in vms[:count - len(groups)]:
        groups.append({"Name": vm["Name"], "Id": "g" + vm["Id"], "GroupType": "VirtualMachine",
                       "State": "Online" if vm["State"] == "Running" else "Offline", "OwnerNode": vm["ComputerName"],
                       "Priority": 2000, "IsCoreGroup": False})
    resources = []
    for group in groups:
        for kind in ("Virtual Machine", "Virtual Machine Configuration", "Generic Service"):
            resources.append({"Name": "%s %s" % (kind, group["Name"]), "Id": "r%d" % len(resources), "ResourceType": kind,
                              "State": group["State"], "OwnerGroup": group["Name"], "OwnerNode": group["OwnerNode"],
                              "IsCoreResource": False})
    return groups, resources


def cluster_raw(groups, resources, nodes):
    node_items = [{"Name": n, "Id": str(i), "State": "Up", "DrainStatus": "NotInitiated", "MajorVersion": 10, "MinorVersion": 0,
                   "BuildNumber": 26100, "FaultDomain": ["Node:" + n], "Manufacturer": "Contoso", "Model": "HCI-2U",
                   "SerialNumber": "SN%d" % i, "NodeWeight": 1, "DynamicWeight": 1} for i, n in enumerate(nodes)]
    csvs = [{"Name": "Cluster Virtual Disk (UserStorage_%d)" % i, "Id": "c%d" % i, "State": "Online", "OwnerNode": nodes[i % len(nodes)],
             "SharedVolumeInfo": [{"FriendlyVolumeName": "C:\\ClusterStorage\\UserStorage_%d" % i, "MaintenanceMode": False,
                                   "RedirectedAccess": False, "Partition": {"Name": "p", "FileSystem": "CSVFS_ReFS",
                                                                            "Size": 4 << 40, "FreeSpace": 1 << 40}}]}
            for i in range(64)]
    return {"prerequisites": {"ComputerName": nodes[0], "FailoverClustersModule": True, "ClusterService": {"State": "Running"},
                              "LocalOs": {"CurrentMajorVersionNumber": 10, "CurrentMinorVersionNumber": 0, "CurrentBuildNumber": "26100",
                                          "UBR": 4349, "EditionID": "ServerAzureStackHCICor", "ProductName": "Azure Stack HCI"}},
            "cluster": {"Name": "AZL-BENCH", "Id": "x", "Domain": "contoso.local", "ClusterFunctionalLevel": 12,
                        "ClusterUpgradeVersion": 12, "S2DEnabled": 1, "SharedVolumesRoot": "C:\\ClusterStorage"},
            "nodes": node_items, "groups": groups, "resources": resources, "shared_volumes": csvs,
            "networks": [{"Name": "Management", "Id": "n", "Role": "ClusterAndClient", "State": "Up", "Address": "10.0.0.0",
                          "AddressMask": "255.255.255.0", "Metric": 70384}],
            "quorum": {"QuorumType": "Majority", "QuorumResource": "Cloud Witness", "QuorumResourceType": "Cloud Witness"}}


def powershell_51(vms, groups):
    """The same VMs and groups as ConvertTo-Json in Windows PowerShell 5.1 writes them."""
    user_vms = [dict(vm, State=STATE_NUMBERS[vm["State"]], CreationTime="/Date(1751447400000)/",
                     Uptime={"Ticks": int(vm["Uptime"] * 10_000_000), "TotalSeconds": vm["Uptime"]}) for vm in vms]
    user_groups = [dict(g, State=GROUP_STATES[g["State"]], GroupType=GROUP_TYPES[g["GroupType"]],
                        OwnerNode={"Name": g["OwnerNode"], "State": 0}) for g in groups]
    return user_vms, user_groups


def best_of(runs, func):
    times = []
    for _run in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1, help="multiply 1,000 VMs / 500 groups by this")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    nodes = ["NODE%02d" % i for i in range(1, 17)]
    vm_count, group_count = 1000 * args.scale, 500 * args.scale
    vms, ics, nics, disks = collector_vms(vm_count, nodes)
    groups, resources = collector_groups(group_count, vms, nodes)
    vm_raw = {"host": {"ComputerName": nodes[0], "HyperVModule": True, "FailoverClustersModule": True, "VmmsState": "Running",
                       "ClusterServiceState": "Running"},
              "vms": vms, "integration_services": ics, "network_adapters": nics, "hard_drives": disks,
              "cluster_groups": {"Groups": groups}}
    raw = cluster_raw(groups, resources, nodes)
    facts = {n: "10.0.26100.4349" for n in nodes}
    user_vms, user_groups = powershell_51(vms, groups)

    result = build_vm_info(vm_raw)
    assert result["summary"]["resource_bridge"]["name"] == ARB and result["summary"]["total"] == vm_count
    info = build_cluster_info(raw, node_facts=facts)
    assert info["node_os"]["consistent"] is True and info["node_os"]["complete"] is True
    assert len(info["groups"]) == group_count and info["azure_local"]["resource_bridge"]["group"] == ARB

    print("hyperv.azlocal VM / cluster interpretation, best of %d runs, Python %s" % (args.runs, sys.version.split()[0]))
    rows = [
        ("build_vm_info: %d VMs, 3 includes (%d rows), %d cluster groups" % (vm_count, len(ics) + len(nics) + len(disks), group_count),
         lambda: build_vm_info(vm_raw)),
        ("build_cluster_info: %d groups, %d resources, %d nodes + node_facts, 64 CSVs" % (group_count, len(resources), len(nodes)),
         lambda: build_cluster_info(raw, node_facts=facts)),
        ("classify_vms filter: %d VMs + %d groups, PowerShell 5.1 JSON shapes" % (vm_count, group_count),
         lambda: classify_vms(user_vms, cluster=user_groups)),
        ("cluster_summary filter: %d groups, PowerShell 5.1 JSON shapes" % group_count,
         lambda: cluster_summary(user_groups)),
    ]
    total = 0.0
    for label, func in rows:
        seconds = best_of(args.runs, func)
        total += seconds
        print("  %-85s %8.1f ms" % (label, seconds * 1000))
    print("  %-85s %8.1f ms" % ("all four", total * 1000))
    return 0


if __name__ == "__main__":
    sys.exit(main())
