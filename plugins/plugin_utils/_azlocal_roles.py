# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the VMs, cluster groups and cluster resources of Hyper-V and Azure Local clusters are. PRIVATE.

Data, not code: each rule names the role it gives, the conditions that must all hold, and the public source
the name or pattern comes from. The first rule that matches wins, so specific rules come before general
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
  (@0150c016): MOC appliance VM ``<GUID>-control-plane-0-<8 hex>``, AKS workload control plane
  ``<cluster>-control-plane-<5 chars>-<8 hex>``. The resource bridge on Azure Local runs on the same MOC
  appliance technology; that its VM follows the appliance pattern is inferred, not published for ARB.
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

# The Arc resource bridge appliance VM (MOC): <GUID>-control-plane-0-<8 hex>.
ARB_VM_NAME = re.compile(r"^%s-control-plane-0-[0-9a-f]{8}$" % GUID, re.IGNORECASE)
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
    {"id": "core_group", "role": "core", "match": {"is_core": True},
     "source": "clusapi (MSCluster_ResourceGroup.IsCore)"},
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
     "display": ARB_VM_NAME_TEXT, "match": {"name_like": ARB_GROUP_SELECTOR, "name_regex": ARB_VM_NAME},
     "source": "tsg-arb-offline, aks-hci-stop-start"},
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
    resource_type and is_core (any may be None; a condition on a missing value does not hold)."""
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
