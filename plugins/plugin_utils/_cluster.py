# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Interpretation of failover-cluster observations. PRIVATE to the collection.

Input is what the hyperv.azlocal.cluster_info collector read on one node (``_raw``), or what users already
collect: ``Get-ClusterGroup | ConvertTo-Json`` and friends (PascalCase, enums as numbers or names, one
object or a list), or a cluster_info result read back. Output is the documented cluster_info result:
every group and resource with a role from _azlocal_roles, the Azure Local services and resource bridge,
and the node OS consistency check Azure Local's LCM runs before an update.

Enum maps (numbers as ``ConvertTo-Json`` writes them, names as PowerShell prints them) come from the
Failover Clustering API enumerations on Microsoft Learn: CLUSTER_GROUP_STATE (the ClusResGroup.State page
gives the values 0-4; the clusapi.h page's "206" for Online is a documentation error), CLUSTER_RESOURCE_STATE,
CLUSTER_NODE_STATE, CLUSTER_NODE_DRAIN_STATUS, CLUSGROUP_TYPE, CLUSTER_NETWORK_STATE, CLUSTER_NETWORK_ROLE.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ._azlocal_roles import (
    ARB_GROUP_SELECTOR,
    ARB_VM_NAME_TEXT,
    GROUP_RULES,
    INFRASTRUCTURE_VOLUME,
    RESOURCE_RULES,
    ROLES,
    decide_appliance,
    evidence,
    expected_services,
    first_match,
    identity_evidence,
    service_group_evidence,
)
from ._identity import AZURE_LOCAL, decide_platform
from ._winraw import (
    is_probe_access_denied,
    as_list,
    enum_name,
    is_access_denied,
    load_json_text,
    name_of,
    pick,
    read_fields,
    to_bool,
    to_int,
    to_str,
    parse_windows_version,
    unwrap,
    where,
)

GROUP_STATE = {-1: "Unknown", 0: "Online", 1: "Offline", 2: "Failed", 3: "PartialOnline", 4: "Pending"}
RESOURCE_STATE = {
    -1: "Unknown", 0: "Inherited", 1: "Initializing", 2: "Online", 3: "Offline", 4: "Failed",
    128: "Pending", 129: "OnlinePending", 130: "OfflinePending",
}
NODE_STATE = {-1: "Unknown", 0: "Up", 1: "Down", 2: "Paused", 3: "Joining"}
DRAIN_STATUS = {0: "NotInitiated", 1: "InProgress", 2: "Completed", 3: "Failed"}
# CLUSGROUP_TYPE numbers; names as the FailoverClusters module prints GroupType (the ClusGroupType prefix
# dropped; CoreCluster prints as Cluster, SharedVolume as ClusterSharedVolume, StoragePool as
# ClusterStoragePool).
GROUP_TYPE = {
    1: "Cluster", 2: "AvailableStorage", 3: "Temporary", 4: "ClusterSharedVolume", 5: "ClusterStoragePool",
    100: "FileServer", 101: "PrintServer", 102: "DhcpServer", 103: "Dtc", 104: "Msmq", 105: "Wins",
    106: "StandAloneDfs", 107: "GenericApplication", 108: "GenericService", 109: "GenericScript",
    110: "IScsiNameService", 111: "VirtualMachine", 112: "TsSessionBroker", 113: "IScsiTarget",
    114: "ScaleoutFileServer", 115: "VMReplicaBroker", 116: "TaskScheduler", 117: "ClusterUpdateAgent",
    118: "ScaleoutCluster", 119: "StorageReplica", 120: "VMReplicaCoordinator", 121: "CrossClusterOrchestrator",
    122: "InfrastructureFileServer", 123: "CoreSddc", 124: "UserManager", 125: "KeyValueStoreManager",
    126: "HcsVirtualMachine", 127: "MetaVirtualMachine", 9999: "Unknown",
}
NETWORK_STATE = {-1: "Unknown", 0: "Unavailable", 1: "Down", 2: "Partitioned", 3: "Up"}
NETWORK_ROLE = {0: "None", 1: "Cluster", 2: "Client", 3: "ClusterAndClient"}
WITNESS_TYPES = {"cloud witness": "cloud", "file share witness": "file_share", "physical disk": "disk"}

# What to do when the node cannot answer, by reason. The message names the host and says what to fix.
REASONS = {
    "prerequisites_failed": "could not read the node's Failover Clustering prerequisites ({detail})",
    "not_cluster_node": "{host} is not a failover cluster node: the Failover Clustering feature is not installed "
                        "(no ClusSvc service). Run cluster_info against a cluster node.",
    "cluster_service_not_running": "the Cluster service (ClusSvc) on {host} is {detail}: the node has not joined a "
                                   "cluster or its Cluster service is stopped. Start it (Start-ClusterNode) or run "
                                   "cluster_info against a running node.",
    "failover_clusters_module_missing": "{host} runs the Cluster service but the FailoverClusters PowerShell module "
                                        "is missing: install it (Install-WindowsFeature RSAT-Clustering-PowerShell).",
    "access_denied": "access denied reading the cluster from {host} ({detail}): connect with an account that is "
                     "a local Administrator on the node and has full control of the cluster (Grant-ClusterAccess).",
    "cluster_query_failed": "reading the cluster from {host} failed: {detail}",
}


def _text(value, what, host):
    return to_str(value)


def _enum(table):
    def convert(value, what, host):
        return enum_name(value, table, what, host)
    return convert


def _name(value, what, host):
    return name_of(value)


def _strings(value, what, host):
    """FaultDomain and similar: a list of strings from a list, one string or null."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value if item is not None]
    return [str(value)]


CLUSTER_FIELDS = (
    ("name", ("Name",), ("name",), _text),
    ("id", ("Id",), ("id",), _text),
    ("domain", ("Domain",), ("domain",), _text),
    ("functional_level", ("ClusterFunctionalLevel",), ("functional_level",), to_int),
    ("upgrade_version", ("ClusterUpgradeVersion",), ("upgrade_version",), to_int),
    ("s2d_enabled", ("S2DEnabled",), ("s2d_enabled",), to_bool),
    ("shared_volumes_root", ("SharedVolumesRoot",), ("shared_volumes_root",), _text),
)
NODE_FIELDS = (
    ("name", ("Name",), ("name",), _text),
    ("id", ("Id",), ("id",), _text),
    ("state", ("State",), ("state",), _enum(NODE_STATE)),
    ("drain_status", ("DrainStatus",), ("drain_status",), _enum(DRAIN_STATUS)),
    ("major_version", ("MajorVersion",), ("major_version",), to_int),
    ("minor_version", ("MinorVersion",), ("minor_version",), to_int),
    ("build_number", ("BuildNumber",), ("build_number",), to_int),
    ("fault_domain", ("FaultDomain",), ("fault_domain",), _strings),
    ("manufacturer", ("Manufacturer",), ("manufacturer",), _text),
    ("model", ("Model",), ("model",), _text),
    ("serial_number", ("SerialNumber",), ("serial_number",), _text),
    ("node_weight", ("NodeWeight",), ("node_weight",), to_int),
    ("dynamic_weight", ("DynamicWeight",), ("dynamic_weight",), to_int),
)
GROUP_FIELDS = (
    ("name", ("Name",), ("name",), _text),
    ("id", ("Id",), ("id",), _text),
    ("group_type", ("GroupType",), ("group_type",), _enum(GROUP_TYPE)),
    ("state", ("State",), ("state",), _enum(GROUP_STATE)),
    ("owner_node", ("OwnerNode",), ("owner_node",), _name),
    ("priority", ("Priority",), ("priority",), to_int),
    ("is_core", ("IsCoreGroup",), ("is_core",), to_bool),
)
RESOURCE_FIELDS = (
    ("name", ("Name",), ("name",), _text),
    ("id", ("Id",), ("id",), _text),
    ("resource_type", ("ResourceType",), ("resource_type",), _name),
    ("state", ("State",), ("state",), _enum(RESOURCE_STATE)),
    ("owner_group", ("OwnerGroup",), ("owner_group",), _name),
    ("owner_node", ("OwnerNode",), ("owner_node",), _name),
    ("is_core", ("IsCoreResource",), ("is_core",), to_bool),
)
CSV_FIELDS = (
    ("name", ("Name",), ("name",), _text),
    ("id", ("Id",), ("id",), _text),
    ("state", ("State",), ("state",), _enum(RESOURCE_STATE)),
    ("owner_node", ("OwnerNode",), ("owner_node",), _name),
)
NETWORK_FIELDS = (
    ("name", ("Name",), ("name",), _text),
    ("id", ("Id",), ("id",), _text),
    ("role", ("Role",), ("role",), _enum(NETWORK_ROLE)),
    ("state", ("State",), ("state",), _enum(NETWORK_STATE)),
    ("address", ("Address",), ("address",), _text),
    ("address_mask", ("AddressMask",), ("address_mask",), _text),
    ("metric", ("Metric",), ("metric",), to_int),
)


def read_group(raw, index=0, host=None):
    """One cluster group's fields, not yet classified."""
    return read_fields(raw, GROUP_FIELDS, "cluster group #%d" % index, host)


def classify_group(group, appliance=None):
    """Set role, service, rule and rule_source on a group read by read_group. appliance is the platform's
    appliance (_azlocal_roles.decide_appliance) that decides what <GUID>-control-plane-0-<8 hex> is."""
    subject = dict(group, appliance=appliance)
    rule = first_match(GROUP_RULES, subject)
    if rule is None:
        group.update(role="other", service=None, rule=None, rule_source="no rule matched")
    else:
        group.update(role=rule["role"], service=rule.get("service"), rule=rule["id"], rule_source=rule["source"])
    return group


def normalize_group(raw, index=0, host=None, appliance=None):
    """One cluster group, classified: role, service, the rule that matched and its source."""
    return classify_group(read_group(raw, index, host), appliance)


def normalize_resource(raw, roles_by_group, index=0, host=None):
    """One cluster resource: its own rule (unless the rule yields to its group's role), else its owner group's role."""
    resource = read_fields(raw, RESOURCE_FIELDS, "cluster resource #%d" % index, host)
    rule = first_match(RESOURCE_RULES, resource)
    owner = roles_by_group.get((resource["owner_group"] or "").lower())
    if rule is not None and (owner is None or owner["role"] not in rule.get("yields_to", ())):
        resource.update(role=rule["role"], service=rule.get("service"), rule=rule["id"], rule_source=rule["source"])
        return resource
    if owner is None:
        resource.update(role="other", service=None, rule=None, rule_source="no rule matched and owner group unknown")
    else:
        resource.update(role=owner["role"], service=owner["service"], rule=owner["rule"],
                        rule_source="role of owner group %s" % owner["name"])
    return resource


def normalize_node(raw, index=0, host=None):
    node = read_fields(raw, NODE_FIELDS, "cluster node #%d" % index, host)
    parts = (node["major_version"], node["minor_version"], node["build_number"])
    node["os_version"] = None if None in parts else "%d.%d.%d" % parts
    return node


def normalize_shared_volume(raw, index=0, host=None):
    """One CSV with its first volume's path and size (``SharedVolumeInfo[0]``, ``Partition``)."""
    what = "cluster shared volume #%d" % index
    volume = read_fields(raw, CSV_FIELDS, what, host)
    if "Name" in raw:
        infos = pick(raw, ("SharedVolumeInfo",))
        info = infos[0] if isinstance(infos, (list, tuple)) and infos else infos
        info = info if isinstance(info, Mapping) else {}
        partition = pick(info, ("Partition",))
        partition = partition if isinstance(partition, Mapping) else {}
        volume.update(
            path=to_str(pick(info, ("FriendlyVolumeName",))),
            size_bytes=to_int(pick(partition, ("Size",)), what + " size", host),
            free_bytes=to_int(pick(partition, ("FreeSpace",)), what + " free space", host),
            maintenance_mode=to_bool(pick(info, ("MaintenanceMode",)), what + " maintenance mode", host),
            redirected_access=to_bool(pick(info, ("RedirectedAccess",)), what + " redirected access", host),
        )
    else:
        volume.update(
            path=to_str(pick(raw, ("path",))),
            size_bytes=to_int(pick(raw, ("size_bytes",)), what + " size", host),
            free_bytes=to_int(pick(raw, ("free_bytes",)), what + " free space", host),
            maintenance_mode=to_bool(pick(raw, ("maintenance_mode",)), what + " maintenance mode", host),
            redirected_access=to_bool(pick(raw, ("redirected_access",)), what + " redirected access", host),
        )
    size, free = volume["size_bytes"], volume["free_bytes"]
    volume["percent_free"] = round(free * 100.0 / size, 2) if size and free is not None else None
    leaf = re.split(r"[\\/]", volume["path"].rstrip("\\/"))[-1] if volume["path"] else ""
    label = re.search(r"\(([^()]+)\)\s*$", volume["name"] or "")
    volume["is_infrastructure"] = bool(INFRASTRUCTURE_VOLUME.match(leaf) or (label and INFRASTRUCTURE_VOLUME.match(label.group(1))))
    return volume


def normalize_quorum(raw, host=None):
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        raise TypeError("cluster quorum%s is %s, expected a dict" % (where(host), type(raw).__name__))
    if "QuorumType" in raw or "QuorumResource" in raw:
        resource = pick(raw, ("QuorumResource",))
        resource_type = pick(raw, ("QuorumResourceType",))
        if resource_type is None and isinstance(resource, Mapping):
            resource_type = pick(resource, ("ResourceType",))
        quorum = {"type": to_str(pick(raw, ("QuorumType",))), "resource": name_of(resource), "resource_type": name_of(resource_type)}
    else:
        quorum = {"type": to_str(pick(raw, ("type",))), "resource": to_str(pick(raw, ("resource",))),
                  "resource_type": to_str(pick(raw, ("resource_type",)))}
    kind = (quorum["resource_type"] or "").lower()
    quorum["witness"] = WITNESS_TYPES.get(kind, "none" if not kind else "other")
    return quorum


# --- node OS consistency -------------------------------------------------------------------------------

_NODE_LINE = re.compile(r"^\s*([^\s:]+)\s*:\s*(\d+\.\d+\.\d+(?:\.\d+)?)\s*$")


def parse_version(text, what, host=None):
    """(major, minor, build, ubr or None) from text holding a Windows version, e.g. ``10.0.25398.1128``,
    ``Microsoft Windows [Version 10.0.26100.4349]``."""
    parts = parse_windows_version(text)
    if parts is None:
        raise ValueError("%s%s is %r, which holds no Windows version (major.minor.build[.ubr])" % (what, where(host), text))
    return parts


def _identity_function():
    """host_identity from _identity (issue 3's module), imported when first needed."""
    from . import _identity  # pylint: disable=import-outside-toplevel

    return _identity.host_identity


def _version_from_facts(value, node, host):
    """((major, minor, build, ubr), platform evidence or None) of one node_facts value."""
    what = "node_facts[%s]" % node
    if isinstance(value, str):
        return parse_version(value, what, host), None
    if not isinstance(value, Mapping):
        raise TypeError("%s%s is %s: give a version string, a host_identity result or hyperv_host facts"
                        % (what, where(host), type(value).__name__))
    if "version" not in value and "build" not in value:
        value = _identity_function()(value, host=node)
    found = None
    if "platform" in value and "sources" in value:  # a host_identity result also tells the platform
        found = identity_evidence(value, what, host=node)
    if value.get("version"):
        return parse_version(value["version"], what, host), found
    build = to_int(value.get("build"), what + " build", host)
    if build is None:
        raise ValueError("%s%s has no version and no build" % (what, where(host)))
    return (None, None, build, to_int(value.get("ubr"), what + " ubr", host)), found


def _read_node_facts(node_facts, host=None):
    """(node name (lower case) -> version tuple, [platform evidence of the nodes that tell it])."""
    if node_facts is None:
        return {}, []
    if isinstance(node_facts, str):
        versions = {}
        for line in node_facts.splitlines():
            match = _NODE_LINE.match(line)
            if match:
                versions[match.group(1).lower()] = parse_version(match.group(2), "node_facts line", host)
            elif line.strip():
                raise ValueError("node_facts%s: cannot read line %r (expected 'NODE: 10.0.25398.1128')" % (where(host), line.strip()))
        return versions, []
    if not isinstance(node_facts, Mapping):
        raise TypeError("node_facts%s is %s, expected a dict of node name to version or text" % (where(host), type(node_facts).__name__))
    versions, evidences = {}, []
    for node, value in node_facts.items():
        version, found = _version_from_facts(value, node, host)
        versions[str(node).split(".", 1)[0].lower()] = version
        if found is not None:
            evidences.append(found)
    return versions, evidences


def read_node_facts(node_facts, host=None):
    """node name (lower case) -> (major, minor, build, ubr) from a dict (node -> version text, host_identity
    result or hyperv_host facts) or from the text Microsoft's TSG one-liner prints (``NODE1: 10.0.25398.1085``)."""
    return _read_node_facts(node_facts, host)[0]


def _format_version(major, minor, build, ubr):
    head = "%s.%s.%d" % ("?" if major is None else major, "?" if minor is None else minor, build)
    return head if ubr is None else "%s.%d" % (head, ubr)


def _groups_of(entries, key):
    groups = {}
    for entry in entries:
        groups.setdefault(key(entry), []).append(entry)
    # Largest group first; on a tie the newest version first (the nodes behind it are the odd ones).
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), [-(part or 0) for part in item[0]]))
    return [{"version": _format_version(*(tuple(k) + (None,))[:4]), "nodes": [e["name"] for e in members]} for k, members in ordered]


def node_os_consistency(nodes, local_node=None, local_os=None, node_facts=None, host=None, versions=None):
    """Do all nodes run the same OS build (and UBR where known)? Names the nodes that differ.

    Get-ClusterNode gives every node's major.minor.build from one node; the UBR (the revision LCM compares,
    "Found different OS build number between cluster nodes") is known for the local node (registry) and for
    nodes given in node_facts. ``complete`` says whether every node's full version was known.
    """
    if versions is None:
        versions = read_node_facts(node_facts, host)
    entries = []
    for node in nodes:
        name = node["name"]
        entry = {"name": name, "major": node["major_version"], "minor": node["minor_version"],
                 "build": node["build_number"], "ubr": None, "source": "cluster_node", "conflict": None}
        if local_os and local_node and name.lower() == local_node.lower():
            entry["ubr"] = local_os.get("ubr")
            entry["source"] = "local_registry"
            if local_os.get("build") is not None and entry["build"] is not None and local_os["build"] != entry["build"]:
                entry["conflict"] = "registry build %s differs from Get-ClusterNode build %s" % (local_os["build"], entry["build"])
        fact = versions.get(name.split(".", 1)[0].lower())
        if fact is not None:
            major, minor, build, ubr = fact
            if entry["build"] is not None and build != entry["build"]:
                entry["conflict"] = "node_facts build %d differs from Get-ClusterNode build %d" % (build, entry["build"])
            entry.update(build=build if entry["build"] is None else entry["build"], ubr=ubr, source="node_facts")
            entry["major"] = entry["major"] if entry["major"] is not None else major
            entry["minor"] = entry["minor"] if entry["minor"] is not None else minor
        entry["version"] = None if entry["build"] is None else _format_version(entry["major"], entry["minor"], entry["build"], entry["ubr"])
        entries.append(entry)

    known = [e for e in entries if e["build"] is not None]
    unknown = [e["name"] for e in entries if e["build"] is None]
    with_ubr = [e for e in known if e["ubr"] is not None]
    by_build = _groups_of(known, lambda e: (e["major"], e["minor"], e["build"]))
    by_full = _groups_of(with_ubr, lambda e: (e["major"], e["minor"], e["build"], e["ubr"]))
    complete = bool(entries) and len(with_ubr) == len(entries)
    if len(by_build) > 1:
        groups, compared_on = by_build, "build"
    elif len(by_full) > 1 or complete:
        groups, compared_on = by_full, "build_and_ubr"
    else:
        groups, compared_on = by_build, "build"
    differs = len(groups) > 1 or any(e["conflict"] for e in entries)
    if differs:
        consistent = False
    elif unknown or not entries:
        consistent = None
    else:
        consistent = True
    differing = [name for group in groups[1:] for name in group["nodes"]]
    message = None
    if len(groups) > 1:
        by_name = {e["name"]: e["version"] for e in known}
        ordered = differing + groups[0]["nodes"]
        message = "Found different OS build number between cluster nodes: %s." % ", ".join(
            "%s is running on %s" % (name, by_name[name]) for name in ordered)
    elif consistent is None:
        message = ("Too little data to tell: no OS build is known for %s." % ", ".join(unknown) if unknown
                   else "Too little data to tell: no nodes.")
    return {
        "consistent": consistent,
        "verdict": {True: "consistent", False: "inconsistent", None: "unknown"}[consistent],
        "complete": complete,
        "compared_on": compared_on,
        "nodes": [{"name": e["name"], "version": e["version"], "build": e["build"], "ubr": e["ubr"],
                   "source": e["source"], "conflict": e["conflict"]} for e in entries],
        "groups": groups,
        "differing_nodes": differing,
        "unknown_nodes": unknown,
        "ubr_unknown": [e["name"] for e in known if e["ubr"] is None],
        "message": message,
    }


# --- Azure Local -------------------------------------------------------------------------------------

def _group_view(group):
    return {"group": group["name"], "state": group["state"], "online": group["state"] == "Online",
            "owner_node": group["owner_node"]}


def listing_complete(groups):
    """Whether a group listing is the whole of Get-ClusterGroup: a full listing always has the core cluster
    group (Cluster Group); a filtered one (Get-ClusterGroup *Update*) may not."""
    core_names = ("core_group_name", "core_group_type")
    return any(g["rule"] in core_names or (g["rule"] == "core_group" and (g["name"] or "").lower() == "cluster group")
               for g in groups)


def azure_local_summary(groups, shared_volumes, local_os=None, resources=(), appliance=None, platform_evidence=()):
    """Which Azure Local services exist and are online, the resource bridge, MOC, SDN, infrastructure volume.

    appliance is the decide_appliance() result the groups were classified with; platform_evidence the
    identities of the local node and of node_facts. Services are reported missing only when the listing is
    complete (listing_complete) and the cluster is Azure Local.
    """
    evidence_text = []
    platform_evidence = list(platform_evidence)
    if local_os and not any(item["source"] == "local node registry" for item in platform_evidence):
        platform_evidence.insert(0, local_os_evidence(local_os))
    for item in platform_evidence:
        if item["platform"] == AZURE_LOCAL:
            evidence_text.append("%s: %s" % (item["source"], item["basis"] or "platform azure_local"))
    services = []
    for service, rule in expected_services():
        matches = [g for g in groups if g["rule"] == rule["id"]]
        entry = {"service": service, "display": rule["display"], "present": bool(matches), "group": None,
                 "state": None, "online": False, "owner_node": None, "expected": rule["expected"], "source": rule["source"]}
        if len(matches) == 1:
            entry.update(_group_view(matches[0]))
        elif matches:
            entry.update(group=[g["name"] for g in matches], state=[g["state"] for g in matches],
                         online=all(g["state"] == "Online" for g in matches))
        services.append(entry)
        if matches and service != "arc_resource_bridge":
            evidence_text.append("cluster group %s (%s)" % (matches[0]["name"], service))
    detected = bool(evidence_text)
    complete = listing_complete(groups)
    bridges = [g for g in groups if g["role"] == "arc_resource_bridge"]
    candidates = [g for g in groups if g["service"] == "resource_bridge_candidate"]
    infra = [v for v in shared_volumes if v["is_infrastructure"]]
    sdn = [g["name"] for g in groups if g["role"] == "sdn"]
    sdn_resources = [r["name"] for r in resources if r["role"] == "sdn"]
    missing = [s["service"] for s in services if detected and complete and s["expected"] and not s["present"]
               and not (s["service"] == "arc_resource_bridge" and candidates)]
    decision = appliance or decide_appliance([])
    return {
        "detected": detected,
        "evidence": evidence_text,
        "listing_complete": complete,
        "services": services,
        "missing_services": missing,
        "offline_services": [s["service"] for s in services if s["present"] and not s["online"]],
        "resource_bridge": dict(_group_view(bridges[0]), evidence=[
            "cluster group name matches %s (Microsoft's selector for the resource bridge VM group)" % ARB_GROUP_SELECTOR,
            "cluster group name matches %s (MOC appliance VM naming)" % ARB_VM_NAME_TEXT] + decision["basis"])
        if len(bridges) == 1 else None,
        "resource_bridge_candidates": [g["name"] for g in bridges + candidates],
        "appliance": {"appliance": decision["appliance"], "basis": decision["basis"], "reason": decision["reason"]},
        "aks_management_clusters": [g["name"] for g in groups if g["service"] == "aks_management_cluster"],
        "aks_control_planes": [g["name"] for g in groups if g["service"] == "aks_control_plane"],
        "unrecognised_control_planes": [g["name"] for g in groups if g["service"] == "control_plane_unrecognised"],
        "infrastructure_volume": ({k: infra[0][k] for k in ("name", "path", "state", "owner_node", "size_bytes", "free_bytes", "percent_free")}
                                  if infra else None),
        "sdn": {"enabled": bool(sdn or sdn_resources), "groups": sdn, "resources": sdn_resources},
    }


# --- the whole document ------------------------------------------------------------------------------

def _local_os(raw_os, host):
    """The local node's registry CurrentVersion values (collector prerequisites) in snake_case."""
    if not isinstance(raw_os, Mapping):
        return None
    return {
        "build": to_int(pick(raw_os, ("CurrentBuildNumber",)), "local CurrentBuildNumber", host),
        "ubr": to_int(pick(raw_os, ("UBR",)), "local UBR", host),
        "major": to_int(pick(raw_os, ("CurrentMajorVersionNumber",)), "local CurrentMajorVersionNumber", host),
        "minor": to_int(pick(raw_os, ("CurrentMinorVersionNumber",)), "local CurrentMinorVersionNumber", host),
        "edition_id": to_str(pick(raw_os, ("EditionID",))),
        "product_name": to_str(pick(raw_os, ("ProductName",))),
        "display_version": to_str(pick(raw_os, ("DisplayVersion",))),
    }


def _errors_of(errors, probe):
    return [e for e in (errors or []) if isinstance(e, Mapping) and e.get("probe") == probe]


def _is_access_denied(error):
    """A QueryError of the collector (Message, ExceptionType, HResult, NativeErrorCode) or a probe error
    (message, type): _winraw.is_access_denied decides."""
    if "HResult" in error or "ExceptionType" in error:
        return is_access_denied(error.get("Message"), error.get("ExceptionType"),
                                (error.get("HResult"), error.get("NativeErrorCode")))
    return is_probe_access_denied(error)


def cluster_reason(raw, errors=None, host=None):
    """(reason, message) when the node cannot give cluster data, else (None, None)."""
    name = host or "this host"
    if "prerequisites" not in raw:
        # A cluster_info result read back: keep the reason it already gives.
        if raw.get("cluster") is None and raw.get("reason"):
            return to_str(raw["reason"]), to_str(raw.get("message"))
    else:
        prereq = raw["prerequisites"]
        if not isinstance(prereq, Mapping):
            detail = "; ".join(str(e.get("message")) for e in _errors_of(errors, "prerequisites")) or "no data"
            return "prerequisites_failed", REASONS["prerequisites_failed"].format(host=name, detail=detail)
        service = pick(prereq, ("ClusterService",))
        if service is None:
            return "not_cluster_node", REASONS["not_cluster_node"].format(host=name)
        state = to_str(pick(service, ("State",)))
        if state != "Running":
            return "cluster_service_not_running", REASONS["cluster_service_not_running"].format(host=name, detail=state)
        if not to_bool(pick(prereq, ("FailoverClustersModule",)), "FailoverClustersModule", host):
            return "failover_clusters_module_missing", REASONS["failover_clusters_module_missing"].format(host=name)
    cluster = raw.get("cluster")
    failures = _errors_of(errors, "cluster")
    if isinstance(cluster, Mapping) and "QueryError" in cluster:
        failures = [cluster["QueryError"]]
    if failures or not isinstance(cluster, Mapping):
        failure = failures[0] if failures else {"message": "no data from Get-Cluster"}
        detail = str(pick(failure, ("Message", "message")))
        reason = "access_denied" if _is_access_denied(failure) else "cluster_query_failed"
        return reason, REASONS[reason].format(host=name, detail=detail)
    return None, None


def build_cluster_info(raw, errors=None, node_facts=None, host=None):
    """The cluster_info result from the collector's raw observations (or a document of the same shape)."""
    if not isinstance(raw, Mapping):
        raise TypeError("cluster data%s is %s, expected a dict" % (where(host), type(raw).__name__))
    reason, message = cluster_reason(raw, errors, host)
    if "prerequisites" in raw:
        prereq = raw["prerequisites"] if isinstance(raw["prerequisites"], Mapping) else {}
        local_node = to_str(pick(prereq, ("ComputerName",)))
        local_os = _local_os(pick(prereq, ("LocalOs",)), host)
    else:  # a cluster_info result read back
        local_node = to_str(raw.get("local_node"))
        local_os = raw.get("local_os") if isinstance(raw.get("local_os"), Mapping) else None
    result = {"cluster": None, "reason": reason, "message": message, "local_node": local_node, "local_os": local_os}
    if reason is not None:
        result.update(nodes=[], groups=[], resources=[], shared_volumes=[], networks=[], quorum=None,
                      azure_local=None, node_os=None, summary=None)
        return result
    cluster = read_fields(raw["cluster"], CLUSTER_FIELDS, "cluster", host)
    cluster["fqdn"] = "%s.%s" % (cluster["name"], cluster["domain"]) if cluster["name"] and cluster["domain"] else cluster["name"]
    result["cluster"] = cluster
    result.update(build_parts(raw, node_facts=node_facts, local_node=local_node, local_os=local_os, host=host))
    return result


def local_os_evidence(local_os):
    """Platform evidence from the local node's registry values (cluster_info's prerequisites), or None."""
    if not local_os:
        return None
    platform, basis = decide_platform(edition_id=local_os.get("edition_id"), names=(local_os.get("product_name"),))
    return evidence("local node registry", platform=platform, build=local_os.get("build"), basis=basis)


def build_parts(raw, node_facts=None, local_node=None, local_os=None, host=None):
    """Nodes, groups, resources, CSVs, networks, quorum and their interpretation from whichever of them raw has."""
    nodes = [normalize_node(item, index, host) for index, item in enumerate(as_list(raw.get("nodes"), "nodes", host))]
    groups = [read_group(item, index, host) for index, item in enumerate(as_list(raw.get("groups"), "groups", host))]
    versions, node_evidence = _read_node_facts(node_facts, host)
    platform_evidence = [item for item in [local_os_evidence(local_os)] + node_evidence if item is not None]
    appliance = decide_appliance(platform_evidence + [service_group_evidence(groups)])
    for group in groups:
        classify_group(group, appliance["appliance"])
    roles_by_group = {(g["name"] or "").lower(): g for g in groups}
    resources = [normalize_resource(item, roles_by_group, index, host)
                 for index, item in enumerate(as_list(raw.get("resources"), "resources", host))]
    volumes = [normalize_shared_volume(item, index, host)
               for index, item in enumerate(as_list(raw.get("shared_volumes"), "shared_volumes", host))]
    networks = [read_fields(item, NETWORK_FIELDS, "cluster network #%d" % index, host)
                for index, item in enumerate(as_list(raw.get("networks"), "networks", host))]
    quorum = normalize_quorum(raw.get("quorum"), host)
    node_os = node_os_consistency(nodes, local_node, local_os, host=host, versions=versions) if nodes else None
    azure_local = azure_local_summary(groups, volumes, local_os, resources, appliance, platform_evidence)
    by_role = {role: 0 for role in ROLES}
    for group in groups:
        by_role[group["role"]] += 1
    summary = {
        "nodes": len(nodes),
        "nodes_up": sum(1 for n in nodes if n["state"] == "Up"),
        "nodes_not_up": [n["name"] for n in nodes if n["state"] != "Up"],
        "groups": len(groups),
        "groups_by_role": by_role,
        # Available Storage holds the disks no role uses; Offline is its normal state.
        "groups_not_online": [g["name"] for g in groups if g["state"] != "Online"
                              and not (g["role"] == "available_storage" and g["state"] == "Offline")],
        "resources": len(resources),
        "resources_failed": [r["name"] for r in resources if r["state"] == "Failed"],
        "shared_volumes": len(volumes),
        "azure_local": azure_local["detected"],
        "node_os_consistent": None if node_os is None else node_os["consistent"],
    }
    return {"nodes": nodes, "groups": groups, "resources": resources, "shared_volumes": volumes,
            "networks": networks, "quorum": quorum, "azure_local": azure_local, "node_os": node_os, "summary": summary}


DOCUMENT_KEYS = ("cluster", "prerequisites", "nodes", "groups", "resources", "shared_volumes", "networks", "quorum")
_KIND_KEYS = (
    ("resources", ("ResourceType", "resource_type", "OwnerGroup", "owner_group")),
    ("nodes", ("BuildNumber", "build_number", "MajorVersion", "NodeWeight", "DrainStatus")),
    ("shared_volumes", ("SharedVolumeInfo", "is_infrastructure")),
    ("groups", ("GroupType", "group_type", "IsCoreGroup", "OwnerNode", "owner_node", "State", "state")),
)


def _kind_of(items, host):
    """groups, nodes, resources or shared_volumes, from the properties the items have (items with none of
    them take the kind of the others)."""
    kinds = set()
    for item in items:
        for kind, keys in _KIND_KEYS:
            if any(key in item for key in keys):
                kinds.add(kind)
                break
    if not kinds:
        raise ValueError("cluster data%s: cannot tell what %r is (no GroupType, ResourceType, BuildNumber or "
                         "SharedVolumeInfo)" % (where(host), sorted(items[0])[:6]))
    if len(kinds) != 1:
        raise ValueError("cluster data%s: the list mixes %s; pass each kind separately (groups, nodes=..., resources=...)"
                         % (where(host), ", ".join(sorted(kinds))))
    return kinds.pop()


def cluster_summary(data, nodes=None, resources=None, shared_volumes=None, node_facts=None, host=None):
    """Interpret cluster data users already have; see the cluster_summary filter for the accepted shapes."""
    data = unwrap(load_json_text(data, "cluster_summary input", host, tables=True), ("output",))
    if isinstance(data, Mapping) and any(key in data for key in DOCUMENT_KEYS):
        document = dict(data)
    else:
        items = as_list(data, "cluster_summary input", host)
        document = {_kind_of(items, host): items} if items else {}
    for key, extra in (("nodes", nodes), ("resources", resources), ("shared_volumes", shared_volumes)):
        if extra is not None:
            document[key] = unwrap(load_json_text(extra, key, host, tables=True), ("output",))
    if "cluster" in document or "prerequisites" in document:
        return build_cluster_info(document, node_facts=node_facts, host=host)
    result = {"cluster": None, "reason": None, "message": None, "local_node": None, "local_os": None}
    result.update(build_parts(document, node_facts=node_facts, host=host))
    return result
