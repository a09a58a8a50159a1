# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the VMs, cluster groups and cluster resources of Hyper-V and Azure Local clusters are. PRIVATE.

Data, not code: each rule names the role it gives, the conditions that must all hold, and the public source
the name or pattern comes from. Four tables: GROUP_RULES, RESOURCE_RULES, VM_RULES, and APPLIANCE_RULES (the
platform rule that says which appliance the ``<GUID>-control-plane-0-<8 hex>`` VM is). The first rule that matches wins, so specific rules come before general
ones. To recognise something new, add a rule here (with its source); _cluster.py and _vms.py only apply
the tables. docs/vm_cluster.md lists the same table for users.

Sources, cited by key in the rules:

* ``clusapi``: Microsoft Learn, CLUSGROUP_TYPE / CLUSTER_GROUP_STATE / CLUSTER_RESOURCE_STATE /
  CLUSTER_NODE_STATE / CLUSTER_NODE_DRAIN_STATUS enumerations (clusapi.h, msclus.h), and the
  MSCluster_ResourceGroup class (``IsCore``).
* ``tsg-cloud-mgmt``: Azure/AzureLocal-Supportability
  ``TSG/Upgrade/Known-Issue-Cloud-Management-Cluster-Group-Missing-or-Failed-To-Start.md``: group
  ``Cloud Management``, resource = display name of service ``HciCloudManagementSvc`` (Generic Service).
* ``tsg-secret-rotation``: Azure/AzureLocal-Supportability ``TSG/Update/Update-Hangs-after-Secret-Rotation.md``
  (@ae40afde): moves ``Azure Stack HCI Orchestrator Service Cluster Group``, ``... Update Service ...``,
  ``... Download Service ...`` and ``... Health Service Cluster Group`` on every supported cluster.
* ``tsg-update-service``: ``TSG/Update/Get-SolutionUpdate-GatewayTimeout.md``: real ``Get-ClusterGroup``
  output of ``Azure Stack HCI Update Service Cluster Group`` (tests/unit/data/captures).
* ``tsg-arb-offline``: ``TSG/Update/Update-fails-with-ARB-offline.md``: Microsoft selects the Arc resource
  bridge VM group with ``Get-ClusterGroup -Name "*control-plan*"`` (later revisions ``*control-plane*``).
* ``aks-hci-stop-start``: MicrosoftDocs/azure-stack-docs ``azure-stack/aks-hci/stop-start-cluster.md``
  (@0150c016): on AKS hybrid (AKS on Azure Stack HCI 22H2 and earlier, and on Windows Server) the AKS
  management cluster's control plane VM is ``<GUID>-control-plane-0-<8 hex>``, an AKS workload control plane
  ``<cluster>-control-plane-<5 chars>-<8 hex>`` (capture get-vm_control-plane_names_akshci_msdocs.txt).
* ``msdocs-arb-recover``: MicrosoftDocs/azure-stack-docs ``azure-local/manage/disconnected-operations-post-
  restore-recover-azure-resource-bridge-resources.md`` (@2d1576f6): on Azure Local the Arc resource bridge's
  cluster group is ``<id>-control-plane-0-<8 hex>``, next to the Azure Stack HCI service groups (capture
  get-clustergroup_azurelocal_full_zeroed_ids_msdocs.txt; Microsoft wrote the id as 45 zeros without dashes).
* ``release-info``: Microsoft Learn, Azure Local release information: Azure Local 23H2 and later run OS build
  25398 or 26100 and deploy the resource bridge; Azure Stack HCI 20H2 to 22H2 (builds 17784, 20348, 20349)
  predate it and ran AKS hybrid.
* ``sddc-group``: Supportability CSSTools ``Restart-AzsSupportClusterHealthService`` ("Starting all resources in
  SDDC Group") and ``scripts/ClearStorageHealthData.md`` (``Move-ClusterGroup "SDDC Group"``): the Storage Spaces
  Direct management group (Health Service) of every Azure Local cluster; GroupType CoreSddc (clusapi 123).
* ``aksarc-162``: Azure/aksArc issue #162 (cluster resource ``MOC Cloud Agent Service``, service
  ``wssdcloudagent``); ``azure-arc-2106``: microsoft/azure_arc issue #2106 (cloud agent FQDN
  ``ca-<GUID>.<domain>``, so the cluster group and network name are ``ca-<GUID>``).
* ``tsg-fcnc``: ``TSG/EnvironmentValidator/SLB/Troubleshoot-Test-SLB_ValidateFCNCInstalled.md``: the Failover
  Cluster based Network Controller runs one Generic Service group per microservice (ApiService,
  ControllerService, FirewallService, FnmService, GatewayManager, ServiceInsertion, SlbManagerService,
  VSwitchService).
* ``css-infra-volume``: Supportability TSGs and CSSTools: the infrastructure volume is the CSV
  ``C:\\ClusterStorage\\Infrastructure_1`` (``...\\Shares\\SU1_Infrastructure_1\\...``).
"""

from __future__ import annotations

import fnmatch
import re

GUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

# The MOC appliance control plane VM: <id>-control-plane-0-<8 hex>, the id a GUID with or without dashes
# (Microsoft's listings replace it by a run of zeros without dashes). It is the Arc resource bridge on Azure
# Local 23H2 and later, the AKS management cluster's control plane on AKS hybrid: see APPLIANCE_RULES.
ARB_VM_NAME = re.compile(r"^(?:%s|[0-9a-f]{32,64})-control-plane-0-[0-9a-f]{8}$" % GUID, re.IGNORECASE)
ARB_VM_NAME_TEXT = "<GUID>-control-plane-0-<8 hex>"
# An AKS workload cluster control plane: <cluster>-control-plane-<5 chars>-<8 hex>. It also contains
# '-control-plane-' and also matches *control-plan*, and is never the resource bridge.
AKS_CONTROL_PLANE_NAME = re.compile(r"^(?P<cluster>.+)-control-plane-(?P<suffix>[a-z0-9]{5})-[0-9a-f]{8}$", re.IGNORECASE)
AKS_CONTROL_PLANE_NAME_TEXT = "<cluster>-control-plane-<5 chars>-<8 hex>"
# Microsoft's own selector for the resource bridge VM cluster group.
ARB_GROUP_SELECTOR = "*control-plan*"
MOC_CLOUD_AGENT_GROUP = re.compile(r"^ca-%s$" % GUID, re.IGNORECASE)
INFRASTRUCTURE_VOLUME = re.compile(r"^Infrastructure_\d+$", re.IGNORECASE)

SDN_SERVICES = (
    "ApiService", "ControllerService", "FirewallService", "FnmService", "GatewayManager",
    "ServiceInsertion", "SlbManagerService", "VSwitchService",
)

# Which appliance the <GUID>-control-plane-0-<8 hex> VM is, decided from the platform. Each rule's "when"
# (all must hold) is read against one piece of evidence: the host's identity (platform, build), a cluster
# node's identity, or the cluster's groups (the Azure Local service groups exist only on 23H2 and later).
# Without a rule that matches, the VM is only a candidate for the resource bridge, and says why.
APPLIANCE_RULES = (
    {"id": "azure_local_23h2_or_later", "appliance": "arc_resource_bridge",
     "when": {"platform": "azure_local", "min_build": 25398},
     "source": "release-info, msdocs-arb-recover"},
    {"id": "azure_local_service_groups", "appliance": "arc_resource_bridge",
     "when": {"service_groups": ("orchestrator", "update", "download", "health")},
     "source": "tsg-secret-rotation, msdocs-arb-recover"},
    {"id": "azure_stack_hci_22h2_or_earlier", "appliance": "aks_management_cluster",
     "when": {"platform": "azure_local", "max_build": 20349},
     "source": "release-info, aks-hci-stop-start"},
    {"id": "windows_server_aks_hybrid", "appliance": "aks_management_cluster",
     "when": {"platform": "windows_server"},
     "source": "aks-hci-stop-start"},
)
APPLIANCES = ("arc_resource_bridge", "aks_management_cluster")

ROLES = (
    "core", "available_storage", "storage", "virtual_machine", "arc_resource_bridge",
    "azure_local_service", "moc", "sdn", "other",
)
VM_ROLES = ("arc_resource_bridge", "infrastructure", "workload")


def _azure_local_group(service):
    return re.compile(r"^(Azure Stack HCI|Azure Local) %s Service Cluster Group$" % service, re.IGNORECASE)


# Cluster groups. Keys of "match" (all must hold): is_core (bool), group_type (names), name (exact names,
# case-insensitive), name_regex, name_like (PowerShell -like wildcard, case-insensitive).
# "service" names an Azure Local service for the azure_local summary; "expected" says that every Azure
# Local cluster (23H2 and later) has it, so its absence is reported.
GROUP_RULES = (
    # Before the core rule: a real cluster marks Available Storage IsCoreGroup true too.
    {"id": "available_storage_name", "role": "available_storage", "match": {"name": ("Available Storage",)},
     "source": "clusapi (ClusGroupTypeAvailableStorage; the group's fixed name, as Get-ClusterGroup prints it)"},
    {"id": "core_group", "role": "core", "match": {"is_core": True},
     "source": "clusapi (MSCluster_ResourceGroup.IsCore)"},
    {"id": "core_group_name", "role": "core", "match": {"name": ("Cluster Group",)},
     "source": "clusapi (the core cluster group's fixed name, as Get-ClusterGroup prints it)"},
    {"id": "sddc_group", "role": "core", "match": {"name": ("SDDC Group",)}, "source": "sddc-group"},
    {"id": "sddc_group_type", "role": "core", "match": {"group_type": ("CoreSddc",)},
     "source": "clusapi (ClusGroupTypeCoreSddc = 123)"},
    {"id": "core_group_type", "role": "core", "match": {"group_type": ("Cluster",)},
     "source": "clusapi (ClusGroupTypeCoreCluster = 1)"},
    {"id": "available_storage", "role": "available_storage", "match": {"group_type": ("AvailableStorage",)},
     "source": "clusapi (ClusGroupTypeAvailableStorage = 2)"},
    {"id": "storage", "role": "storage",
     "match": {"group_type": ("ClusterSharedVolume", "ClusterStoragePool", "ScaleoutFileServer", "InfrastructureFileServer")},
     "source": "clusapi (ClusGroupTypeSharedVolume 4, StoragePool 5, ScaleoutFileServer 114, InfrastructureFileServer 122)"},
    {"id": "cloud_management", "role": "azure_local_service", "service": "cloud_management", "expected": True,
     "display": "Cloud Management", "match": {"name": ("Cloud Management",)}, "source": "tsg-cloud-mgmt"},
    {"id": "orchestrator", "role": "azure_local_service", "service": "orchestrator", "expected": True,
     "display": "Azure Stack HCI Orchestrator Service Cluster Group",
     "match": {"name_regex": _azure_local_group("Orchestrator")}, "source": "tsg-secret-rotation"},
    {"id": "update", "role": "azure_local_service", "service": "update", "expected": True,
     "display": "Azure Stack HCI Update Service Cluster Group",
     "match": {"name_regex": _azure_local_group("Update")}, "source": "tsg-update-service, tsg-secret-rotation"},
    {"id": "download", "role": "azure_local_service", "service": "download", "expected": True,
     "display": "Azure Stack HCI Download Service Cluster Group",
     "match": {"name_regex": _azure_local_group("Download")}, "source": "tsg-secret-rotation"},
    {"id": "health", "role": "azure_local_service", "service": "health", "expected": True,
     "display": "Azure Stack HCI Health Service Cluster Group",
     "match": {"name_regex": _azure_local_group("Health")}, "source": "tsg-secret-rotation"},
    {"id": "moc_cloud_agent", "role": "moc", "service": "moc_cloud_agent", "expected": True,
     "display": "ca-<GUID>", "match": {"name_regex": MOC_CLOUD_AGENT_GROUP}, "source": "azure-arc-2106, aksarc-162"},
    {"id": "arc_resource_bridge", "role": "arc_resource_bridge", "service": "arc_resource_bridge", "expected": True,
     "display": ARB_VM_NAME_TEXT,
     "match": {"name_like": ARB_GROUP_SELECTOR, "name_regex": ARB_VM_NAME, "appliance": "arc_resource_bridge"},
     "source": "tsg-arb-offline, msdocs-arb-recover (platform: APPLIANCE_RULES)"},
    {"id": "aks_management_cluster", "role": "virtual_machine", "service": "aks_management_cluster",
     "match": {"name_like": ARB_GROUP_SELECTOR, "name_regex": ARB_VM_NAME, "appliance": "aks_management_cluster"},
     "source": "aks-hci-stop-start (platform: APPLIANCE_RULES)"},
    {"id": "resource_bridge_candidate", "role": "virtual_machine", "service": "resource_bridge_candidate",
     "match": {"name_like": ARB_GROUP_SELECTOR, "name_regex": ARB_VM_NAME},
     "source": "tsg-arb-offline, aks-hci-stop-start: the appliance name, but no platform evidence tells which appliance"},
    {"id": "aks_control_plane", "role": "virtual_machine", "service": "aks_control_plane",
     "match": {"name_like": ARB_GROUP_SELECTOR, "name_regex": AKS_CONTROL_PLANE_NAME},
     "source": "aks-hci-stop-start (workload control planes are never the resource bridge)"},
    {"id": "control_plane_unrecognised", "role": "virtual_machine", "service": "control_plane_unrecognised",
     "match": {"name_like": ARB_GROUP_SELECTOR},
     "source": "tsg-arb-offline selector matched, but neither name pattern of aks-hci-stop-start: not taken for the bridge"},
    {"id": "sdn_network_controller", "role": "sdn", "service": "network_controller",
     "match": {"name": SDN_SERVICES}, "source": "tsg-fcnc"},
    {"id": "virtual_machine", "role": "virtual_machine", "match": {"group_type": ("VirtualMachine",)},
     "source": "clusapi (ClusGroupTypeVirtualMachine = 111)"},
)

# VMs (Get-VM): the first rule that matches gives the VM its role and, for an infrastructure VM, the appliance it
# is; a VM no rule matches is a workload. Extra match keys: name_contains (case-insensitive substring), group_like
# (the -like pattern its cluster group's name must match), appliance (the platform's appliance, APPLIANCE_RULES).
VM_RULES = (
    {"id": "arc_resource_bridge", "role": "arc_resource_bridge", "appliance": "arc_resource_bridge",
     "match": {"name_regex": ARB_VM_NAME, "appliance": "arc_resource_bridge"},
     "source": "msdocs-arb-recover, tsg-arb-offline (platform: APPLIANCE_RULES)"},
    {"id": "aks_management_cluster", "role": "infrastructure", "appliance": "aks_management_cluster",
     "match": {"name_regex": ARB_VM_NAME, "appliance": "aks_management_cluster"},
     "source": "aks-hci-stop-start (platform: APPLIANCE_RULES)"},
    {"id": "resource_bridge_candidate", "role": "infrastructure", "appliance": "resource_bridge_candidate",
     "match": {"name_regex": ARB_VM_NAME},
     "source": "the appliance name without platform evidence: a candidate, never called the bridge"},
    {"id": "aks_control_plane", "role": "infrastructure", "appliance": "aks_control_plane",
     "match": {"name_regex": AKS_CONTROL_PLANE_NAME}, "source": "aks-hci-stop-start"},
    {"id": "control_plane_name", "role": "infrastructure", "appliance": "unrecognised_control_plane",
     "match": {"name_contains": "-control-plane-"}, "source": "aks-hci-stop-start (MOC appliance naming)"},
    {"id": "control_plane_group", "role": "infrastructure", "appliance": "unrecognised_control_plane",
     "match": {"group_like": ARB_GROUP_SELECTOR}, "source": "tsg-arb-offline (Microsoft's selector)"},
)

# Cluster resources: a resource takes the role of the first rule that matches it (unless its owner group has
# one of the roles the rule "yields_to"), else the role of its owner group. Extra match key: resource_type
# (names as Get-ClusterResource prints ResourceType).
RESOURCE_RULES = (
    {"id": "core_resource", "role": "core", "match": {"is_core": True}, "source": "clusapi (IsCoreResource)"},
    {"id": "moc_cloud_agent_resource", "role": "moc", "service": "moc_cloud_agent",
     "match": {"name": ("MOC Cloud Agent Service",)}, "source": "aksarc-162"},
    {"id": "azure_local_service_resource", "role": "azure_local_service",
     "match": {"resource_type": ("Generic Service",), "name_regex": re.compile(r"^(Azure Stack HCI|Azure Local) ", re.IGNORECASE)},
     "source": "tsg-cloud-mgmt (resource named after the service display name 'Azure Stack HCI Cloud Management')"},
    {"id": "sdn_network_controller_resource", "role": "sdn", "service": "network_controller",
     "match": {"name": SDN_SERVICES, "resource_type": ("Generic Service",)}, "source": "tsg-fcnc"},
    {"id": "virtual_machine_resource", "role": "virtual_machine",
     "match": {"resource_type": ("Virtual Machine", "Virtual Machine Configuration")},
     # The VM of the resource bridge (or of another appliance) keeps the more specific role of its group.
     "yields_to": ("arc_resource_bridge", "moc", "azure_local_service", "sdn"),
     "source": "Failover Clustering resource types of Hyper-V VM roles"},
    {"id": "storage_resource", "role": "storage",
     "match": {"resource_type": ("Physical Disk", "Storage Pool", "Scale Out File Server")},
     "source": "Failover Clustering storage resource types"},
)


def _lowered(rules):
    """Pre-compute the case-insensitive sets of each rule once, at import."""
    for rule in rules:
        rule["_sets"] = {key: frozenset(item.lower() for item in value)
                         for key, value in rule["match"].items() if key in ("group_type", "resource_type", "name")}
    return rules


_lowered(GROUP_RULES)
_lowered(RESOURCE_RULES)


def like(pattern, text):
    """PowerShell -like, case-insensitive, for the wildcards * and ?."""
    return fnmatch.fnmatchcase(text.lower(), pattern.lower())


def rule_matches(rule, subject):
    """Whether every condition of rule["match"] holds for subject, a dict with name, group_type,
    resource_type, is_core and appliance (the platform's appliance, APPLIANCE_RULES; any may be None; a
    condition on a missing value does not hold)."""
    name = subject.get("name") or ""
    for key, expected in rule["match"].items():
        if key == "is_core":
            if subject.get("is_core") is not expected:
                return False
        elif key in ("group_type", "resource_type"):
            value = subject.get(key)
            if value is None or value.lower() not in rule["_sets"][key]:
                return False
        elif key == "name":
            if name.lower() not in rule["_sets"][key]:
                return False
        elif key == "name_regex":
            if not expected.search(name):
                return False
        elif key == "name_like":
            if not like(expected, name):
                return False
        elif key == "appliance":
            if subject.get("appliance") != expected:
                return False
        elif key == "name_contains":
            if expected.lower() not in name.lower():
                return False
        elif key == "group_like":
            if not subject.get("group_name") or not like(expected, subject["group_name"]):
                return False
        else:  # pragma: no cover - a typo in the table above
            raise KeyError("unknown match key %r in rule %s" % (key, rule["id"]))
    return True


def first_match(rules, subject):
    """The first rule of rules that matches subject, or None."""
    for rule in rules:
        if rule_matches(rule, subject):
            return rule
    return None


def expected_services():
    """The Azure Local services every Azure Local cluster has, in table order: (service, rule)."""
    return [(rule["service"], rule) for rule in GROUP_RULES if rule.get("expected")]


# --- the platform evidence behind APPLIANCE_RULES ------------------------------------------------------

def evidence(source, platform=None, build=None, basis=None, service_groups=()):
    """One piece of platform evidence: where it comes from and what it says."""
    return {"source": source, "platform": platform, "build": build, "basis": basis,
            "service_groups": sorted(set(service_groups))}


def service_group_evidence(groups, source="cluster groups"):
    """Evidence from cluster groups (dicts with name): the Azure Local services they are, or None."""
    services = []
    for group in groups:
        rule = first_match(GROUP_RULES, group)
        if rule is not None and rule["role"] == "azure_local_service":
            services.append(rule["service"])
    return evidence(source, service_groups=services) if services else None


def identity_evidence(identity, source, host=None):
    """Evidence from a host_identity result, or from raw hyperv_host facts (interpreted by host_identity)."""
    if identity is None:
        return None
    if not isinstance(identity, dict):
        raise TypeError("%s must be a host_identity result or hyperv_host facts, got %s" % (source, type(identity).__name__))
    if not ("platform" in identity and "sources" in identity):
        from ._identity import host_identity  # pylint: disable=import-outside-toplevel

        identity = host_identity(identity, host=host)
    return evidence(source, platform=identity.get("platform"), build=identity.get("build"),
                    basis=identity.get("platform_basis"))


def _rule_holds(when, item):
    for key, expected in when.items():
        if key == "platform":
            if item["platform"] != expected:
                return False
        elif key == "min_build":
            if not isinstance(item["build"], int) or item["build"] < expected:
                return False
        elif key == "max_build":
            if not isinstance(item["build"], int) or item["build"] > expected:
                return False
        elif key == "service_groups":
            if not set(expected) & set(item["service_groups"]):
                return False
        else:  # pragma: no cover - a typo in the table above
            raise KeyError("unknown condition %r in APPLIANCE_RULES" % key)
    return True


def _describe(item):
    if item["service_groups"]:
        return "%s: Azure Local service groups (%s)" % (item["source"], ", ".join(item["service_groups"]))
    return "%s: platform %s, build %s%s" % (item["source"], item["platform"], item["build"],
                                            " (%s)" % item["basis"] if item["basis"] else "")


def decide_appliance(evidences):
    """Which appliance <GUID>-control-plane-0-<8 hex> is, from the platform evidence (APPLIANCE_RULES).

    Returns a dict: appliance ("arc_resource_bridge", "aks_management_cluster" or None), rules (the ids that
    matched), basis (the evidence that decided, in words) and reason (why it is None: no evidence, evidence
    no rule reads, or evidence that disagrees).
    """
    items = [item for item in evidences if item is not None]
    decided = []
    for item in items:
        for rule in APPLIANCE_RULES:
            if _rule_holds(rule["when"], item):
                decided.append((rule, item))
                break
    appliances = sorted({rule["appliance"] for rule, _item in decided})
    basis = ["%s -> %s (%s)" % (_describe(item), rule["appliance"], rule["source"]) for rule, item in decided]
    result = {"appliance": None, "rules": [rule["id"] for rule, _item in decided], "basis": basis, "reason": None}
    if len(appliances) == 1:
        result["appliance"] = appliances[0]
    elif appliances:
        result["reason"] = "the platform evidence disagrees: %s" % "; ".join(basis)
    elif items:
        result["reason"] = ("the platform evidence names no platform with a known appliance: %s"
                            % "; ".join(_describe(item) for item in items))
    else:
        result["reason"] = ("no platform evidence (pass identity=, node_facts, or a cluster listing with its Azure "
                            "Local service groups)")
    return result
