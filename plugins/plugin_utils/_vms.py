# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Interpretation of Hyper-V VM observations. PRIVATE to the collection.

Input is what the hyperv.azlocal.vm_info collector read (``_raw``), or what users already collect:
``Get-VM | Select-Object ... | ConvertTo-Json`` (PascalCase, State as a number or a name, one object or a
list), the ``vms`` of microsoft.hyperv.hv_vm_info (``name``, ``state``, ``status``, ``uptime_seconds``,
``id``, ``generation`` plus PascalCase ``MemoryStartup``, ``ProcessorCount``, ``Path``, and in its
remote-connection variant every other Get-VM property), or a vm_info result read back.

Every VM gets a ``role``: ``arc_resource_bridge`` (the MOC appliance VM of Azure Arc resource bridge),
``infrastructure`` (other MOC / Azure Local appliance VMs, such as AKS workload control planes, which also
contain ``-control-plane-`` and must never be taken for the bridge) or ``workload``, with the evidence
that decided it. The appliance name ``<GUID>-control-plane-0-<8 hex>`` is the resource bridge only where
the platform says so (Azure Local 23H2 and later); on AKS hybrid it is the AKS management cluster, and
without platform evidence the VM is a candidate, with the reason (_azlocal_roles.APPLIANCE_RULES).
Patterns and sources: _azlocal_roles.

VM State numbers are Microsoft.HyperV.PowerShell.VMState (values as in the Hyper-V PowerShell module,
e.g. the decompiled copy in nforgeio/neonSDK ``Lib/Neon.HyperV/HyperVWmiDriver/Microsoft/HyperV/PowerShell/VMState.cs``;
the *Critical values are what Get-VM reports when the VM's health is not OK).
"""

from __future__ import annotations

from collections.abc import Mapping

from ._azlocal_roles import (
    AKS_CONTROL_PLANE_NAME,
    AKS_CONTROL_PLANE_NAME_TEXT,
    ARB_GROUP_SELECTOR,
    ARB_VM_NAME_TEXT,
    VM_ROLES,
    VM_RULES,
    decide_appliance,
    first_match,
    identity_evidence,
    like,
    service_group_evidence,
)
from ._cluster import classify_group, read_group
from ._winraw import (
    is_probe_access_denied,
    as_list,
    enum_name,
    iso_time,
    load_json_text,
    pick,
    read_fields,
    seconds,
    to_bool,
    to_int,
    to_str,
    unwrap,
    where,
)

VM_STATE = {
    1: "Other", 2: "Running", 3: "Off", 4: "Stopping", 6: "Saved", 9: "Paused", 10: "Starting", 11: "Reset",
    32773: "Saving", 32776: "Pausing", 32777: "Resuming", 32779: "FastSaved", 32780: "FastSaving",
    32781: "ForceShutdown", 32782: "ForceReboot", 32783: "Hibernated", 32784: "ComponentServicing",
    32785: "RunningCritical", 32786: "OffCritical", 32787: "StoppingCritical", 32788: "SavedCritical",
    32789: "PausedCritical", 32790: "StartingCritical", 32791: "ResetCritical", 32792: "SavingCritical",
    32793: "PausingCritical", 32794: "ResumingCritical", 32795: "FastSavedCritical", 32796: "FastSavingCritical",
}
CONTROLLER_TYPE = {0: "IDE", 1: "SCSI", 2: "PMEM"}  # Microsoft.HyperV.PowerShell.ControllerType (same decompiled module)
INCLUDES = ("integration_services", "network_adapters", "hard_drives")

REASONS = {
    "prerequisites_failed": "could not read the Hyper-V prerequisites of {host} ({detail})",
    "hyperv_not_installed": "the Hyper-V role is not installed on {host} (no vmms service); there are no VMs to list",
    "hyperv_module_missing": "{host} runs Hyper-V but the Hyper-V PowerShell module is missing: install it "
                             "(Install-WindowsFeature Hyper-V-PowerShell)",
    "vmms_not_running": "the Hyper-V Virtual Machine Management service (vmms) on {host} is {detail}: start it (Start-Service vmms)",
    "access_denied": "access denied listing VMs on {host} ({detail}): connect with an account in the local "
                     "'Hyper-V Administrators' or 'Administrators' group",
    "vm_query_failed": "listing VMs on {host} failed: {detail}",
}


def _text(value, what, host):
    return to_str(value)


def _state(value, what, host):
    return enum_name(value, VM_STATE, what, host)


def _uptime(value, what, host):
    value = seconds(value, what, host)
    return None if value is None else int(round(value))


def _version(value, what, host):
    """Configuration version: ``9.0`` (Get-VM prints a string; a bare JSON number 9 means 9.0)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "%.1f" % value if float(value).is_integer() else str(value)
    return to_str(value)


def as_list_of_scalars(value):
    """IPAddresses: a list, one string, or null."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [item for item in value if item is not None]
    return [value]


# (output key, PowerShell keys, snake_case keys, converter). The snake_case column also reads the
# PascalCase properties microsoft.hyperv.hv_vm_info adds next to its own lower-case keys.
VM_FIELDS = (
    ("name", ("Name",), ("name",), _text),
    ("id", ("Id", "VMId"), ("id", "Id", "VMId"), _text),
    ("state", ("State",), ("state", "State"), _state),
    ("status", ("Status",), ("status", "Status"), _text),
    ("uptime_seconds", ("Uptime",), ("uptime_seconds", "Uptime"), _uptime),
    ("generation", ("Generation",), ("generation", "Generation"), to_int),
    ("configuration_version", ("Version",), ("configuration_version", "Version"), _version),
    ("processor_count", ("ProcessorCount",), ("processor_count", "ProcessorCount"), to_int),
    ("memory_startup_bytes", ("MemoryStartup",), ("memory_startup_bytes", "MemoryStartup"), to_int),
    ("memory_assigned_bytes", ("MemoryAssigned",), ("memory_assigned_bytes", "MemoryAssigned"), to_int),
    ("memory_minimum_bytes", ("MemoryMinimum",), ("memory_minimum_bytes", "MemoryMinimum"), to_int),
    ("memory_maximum_bytes", ("MemoryMaximum",), ("memory_maximum_bytes", "MemoryMaximum"), to_int),
    ("dynamic_memory_enabled", ("DynamicMemoryEnabled",), ("dynamic_memory_enabled", "DynamicMemoryEnabled"), to_bool),
    ("is_clustered", ("IsClustered",), ("is_clustered", "IsClustered"), to_bool),
    ("computer_name", ("ComputerName",), ("computer_name", "ComputerName"), _text),
    ("path", ("Path",), ("path", "Path"), _text),
    ("notes", ("Notes",), ("notes", "Notes"), _text),
    ("creation_time", ("CreationTime",), ("creation_time", "CreationTime"), iso_time),
)
INTEGRATION_SERVICE_FIELDS = (
    ("name", ("Name",), ("name",), _text),
    ("enabled", ("Enabled",), ("enabled",), to_bool),
    ("primary_status", ("PrimaryStatusDescription",), ("primary_status",), _text),
    ("secondary_status", ("SecondaryStatusDescription",), ("secondary_status",), _text),
)
NETWORK_ADAPTER_FIELDS = (
    ("name", ("Name",), ("name",), _text),
    ("mac_address", ("MacAddress",), ("mac_address",), _text),
    ("switch_name", ("SwitchName",), ("switch_name",), _text),
    ("connected", ("Connected",), ("connected",), to_bool),
    ("dynamic_mac_address", ("DynamicMacAddressEnabled",), ("dynamic_mac_address",), to_bool),
    ("ip_addresses", ("IPAddresses",), ("ip_addresses",), lambda value, what, host: [str(v) for v in as_list_of_scalars(value)]),
)
HARD_DRIVE_FIELDS = (
    ("name", ("Name",), ("name",), _text),
    ("path", ("Path",), ("path",), _text),
    ("controller_type", ("ControllerType",), ("controller_type",), lambda value, what, host: enum_name(value, CONTROLLER_TYPE, what, host)),
    ("controller_number", ("ControllerNumber",), ("controller_number",), to_int),
    ("controller_location", ("ControllerLocation",), ("controller_location",), to_int),
    ("disk_number", ("DiskNumber",), ("disk_number",), to_int),
)
INCLUDE_FIELDS = {
    "integration_services": INTEGRATION_SERVICE_FIELDS,
    "network_adapters": NETWORK_ADAPTER_FIELDS,
    "hard_drives": HARD_DRIVE_FIELDS,
}


def normalize_vm(raw, index=0, host=None):
    """One VM in this collection's snake_case shape (role not yet set)."""
    vm = read_fields(raw, VM_FIELDS, "VM #%d" % index, host)
    if "Name" not in raw:  # a vm_info result read back keeps its owner node and included details
        if "owner_node" in raw:
            vm["owner_node"] = to_str(raw["owner_node"])
        if "cluster_group" in raw and isinstance(raw["cluster_group"], Mapping):
            vm["cluster_group"] = dict(raw["cluster_group"])
        for include in INCLUDES:
            if include in raw:
                vm[include] = raw[include]
    return vm


def _vm_key(raw, host, what):
    """The VM a Get-VMNetworkAdapter / Get-VMHardDiskDrive / Get-VMIntegrationService row belongs to."""
    vm_id = pick(raw, ("VMId", "vm_id"))
    if vm_id is not None:
        return "id:" + str(vm_id).lower()
    vm_name = pick(raw, ("VMName", "vm_name"))
    if vm_name is None:
        raise ValueError("%s%s has neither VMId nor VMName" % (what, where(host)))
    return "name:" + str(vm_name).lower()


def attach_includes(vms, raw, includes, host=None):
    """Join the rows of each included bulk query to their VMs (by VMId, else VMName)."""
    by_key = {}
    for vm in vms:
        if vm["id"]:
            by_key["id:" + vm["id"].lower()] = vm
        by_key.setdefault("name:" + vm["name"].lower(), vm)
    for include in includes:
        for vm in vms:
            vm[include] = []
        fields = INCLUDE_FIELDS[include]
        for index, row in enumerate(as_list(raw.get(include), include, host)):
            what = "%s #%d" % (include, index)
            vm = by_key.get(_vm_key(row, host, what))
            if vm is not None:  # rows of VMs outside the selection (or the management OS) are not ours
                vm[include].append(read_fields(row, fields, what, host))
    return vms


def read_groups(cluster, host=None):
    """The cluster groups (read, not yet classified) of a cluster_info result, a list of Get-ClusterGroup
    objects (or their JSON), or the cluster_groups the vm_info collector read. None without cluster data."""
    if cluster is None:
        return None
    cluster = unwrap(load_json_text(cluster, "cluster", host, tables=True), ("groups", "Groups", "output"))
    return [read_group(item, index, host) for index, item in enumerate(as_list(cluster, "cluster groups", host))]


def _evidence(source, pattern, matched, detail):
    return {"source": source, "pattern": pattern, "matched": matched, "detail": detail}


def _appliance_evidence(decision):
    if decision["appliance"] is not None:
        return _evidence("platform", "APPLIANCE_RULES", True, "; ".join(decision["basis"]))
    return _evidence("platform", "APPLIANCE_RULES", False, decision["reason"])


def classify_vm(vm, groups=None, decision=None):
    """Set role, role_confidence, role_evidence, appliance, cluster_group and owner_node on one normalized VM.

    The role is the first of _azlocal_roles.VM_RULES that matches (else workload); groups maps lower-case group
    names to groups classified by _cluster.classify_group, or is None when no cluster data is known; decision the decide_appliance() result for this host.
    """
    decision = decision or decide_appliance([])
    name = vm["name"]
    # Without cluster data, a vm_info result read back still knows the group it was matched to.
    group = groups.get(name.lower()) if groups else (vm.get("cluster_group") if groups is None else None)
    in_selector_group = group is not None and like(ARB_GROUP_SELECTOR, group["name"])
    rule = first_match(VM_RULES, {"name": name, "appliance": decision["appliance"],
                                  "group_name": group["name"] if group is not None else None})
    evidence = []
    if rule is None:
        role, confidence, appliance = "workload", "no_pattern", None
        evidence.append(_evidence("name", "%s | %s" % (ARB_VM_NAME_TEXT, AKS_CONTROL_PLANE_NAME_TEXT), False,
                                  "no infrastructure name pattern matched"))
    elif rule["id"] in ("arc_resource_bridge", "aks_management_cluster", "resource_bridge_candidate"):
        role, appliance = rule["role"], rule["appliance"]
        confidence = "candidate" if rule["id"] == "resource_bridge_candidate" else "platform"
        if rule["id"] == "arc_resource_bridge" and in_selector_group:
            confidence = "platform_and_cluster_group"
        evidence.append(_evidence("name", ARB_VM_NAME_TEXT, True, "name matches the MOC appliance control plane VM "
                                  "(the Arc resource bridge on Azure Local 23H2 and later, the AKS management "
                                  "cluster on AKS hybrid)"))
        evidence.append(_appliance_evidence(decision))
        if in_selector_group:
            evidence.append(_evidence("cluster_group", ARB_GROUP_SELECTOR, True,
                                      "cluster group %s matches Microsoft's resource bridge selector (state %s)" % (group["name"], group["state"])))
        elif groups is not None:
            evidence.append(_evidence("cluster_group", ARB_GROUP_SELECTOR, False,
                                      "cluster data is known but no cluster group named %s matches %s" % (name, ARB_GROUP_SELECTOR)))
    elif rule["id"] == "aks_control_plane":
        role, confidence, appliance = rule["role"], "name_only", rule["appliance"]
        evidence.append(_evidence("name", AKS_CONTROL_PLANE_NAME_TEXT, True,
                                  "AKS workload cluster control plane (cluster %s); not the resource bridge, whose name is %s"
                                  % (AKS_CONTROL_PLANE_NAME.match(name).group("cluster"), ARB_VM_NAME_TEXT)))
    elif rule["id"] == "control_plane_name":
        role, confidence, appliance = rule["role"], "name_only", rule["appliance"]
        evidence.append(_evidence("name", "*-control-plane-*", True,
                                  "MOC appliance naming, but neither %s nor %s: not taken for the resource bridge"
                                  % (ARB_VM_NAME_TEXT, AKS_CONTROL_PLANE_NAME_TEXT)))
    else:  # control_plane_group
        role, confidence, appliance = rule["role"], "cluster_group_only", rule["appliance"]
        evidence.append(_evidence("cluster_group", ARB_GROUP_SELECTOR, True,
                                  "cluster group %s matches %s, but the VM name is not %s: not taken for the resource bridge"
                                  % (group["name"], ARB_GROUP_SELECTOR, ARB_VM_NAME_TEXT)))
    vm["role"] = role
    vm["role_confidence"] = confidence
    vm["role_evidence"] = evidence
    vm["appliance"] = appliance
    vm["cluster_group"] = None if group is None else {"name": group["name"], "state": group["state"], "owner_node": group["owner_node"]}
    if group is not None and group["owner_node"]:
        vm["owner_node"] = group["owner_node"]
    elif not vm.get("owner_node"):
        vm["owner_node"] = vm["computer_name"]
    return vm


def summarize(vms, decision=None):
    """Counts by state and role, the resource bridge VM (or null, with the reason) and the infrastructure VMs."""
    decision = decision or decide_appliance([])
    by_state = {}
    by_role = {role: 0 for role in VM_ROLES}
    for vm in vms:
        state = vm["state"] or "unknown"
        by_state[state] = by_state.get(state, 0) + 1
        by_role[vm["role"]] += 1
    bridges = [vm for vm in vms if vm["role"] == "arc_resource_bridge"]
    candidates = [vm for vm in vms if vm.get("appliance") == "resource_bridge_candidate"]
    strong = [vm for vm in bridges if vm["role_confidence"] == "platform_and_cluster_group"]
    chosen = bridges[0] if len(bridges) == 1 else strong[0] if len(strong) == 1 else None
    warnings = []
    if len(bridges) > 1:
        warnings.append("%d VMs match the resource bridge pattern (%s)%s" % (
            len(bridges), ", ".join(vm["name"] for vm in bridges),
            "; %s is the one in a %s cluster group" % (chosen["name"], ARB_GROUP_SELECTOR) if chosen else
            "; none is singled out by its cluster group, so resource_bridge is null"))
    if candidates:
        warnings.append("%s named like the resource bridge (%s), but it is not called the bridge: %s. The name is the "
                        "Arc resource bridge on Azure Local 23H2 and later and the AKS management cluster on AKS hybrid "
                        "(Azure Stack HCI 22H2 and earlier, Windows Server)" % (
                            ", ".join(vm["name"] for vm in candidates), ARB_VM_NAME_TEXT, decision["reason"]))
    bridge = None
    if chosen is not None:
        keys = ("name", "id", "state", "computer_name", "owner_node", "cluster_group", "role_confidence", "role_evidence")
        bridge = {key: chosen[key] for key in keys}
    return {
        "total": len(vms),
        "by_state": by_state,
        "by_role": by_role,
        "clustered": sum(1 for vm in vms if vm["is_clustered"]),
        "resource_bridge": bridge,
        "resource_bridge_candidates": [vm["name"] for vm in bridges + candidates],
        "aks_management_clusters": [vm["name"] for vm in vms if vm.get("appliance") == "aks_management_cluster"],
        "infrastructure": [vm["name"] for vm in vms if vm["role"] == "infrastructure"],
        "platform": {"appliance": decision["appliance"], "basis": decision["basis"], "reason": decision["reason"]},
        "warnings": warnings,
    }


def state_filter(states, host=None):
    """The canonical names of the requested VM states (case-insensitive); an unknown name is an error."""
    if not states:
        return None
    known = {name.lower(): name for name in VM_STATE.values()}
    wanted = set()
    for state in states:
        name = known.get(str(state).strip().lower())
        if name is None:
            raise ValueError("state%s: %r is not a Hyper-V VM state; valid states: %s" % (where(host), state, ", ".join(VM_STATE.values())))
        wanted.add(name)
    return wanted


def classify(vms_raw, cluster=None, state=None, includes=(), raw=None, host=None, identity=None,
             identity_source="identity", prior=None):
    """Normalize, join includes, decide the platform's appliance, classify, filter by state and summarize.

    identity is the host's host_identity result or raw hyperv_host facts (platform evidence); the cluster
    groups are evidence too (_azlocal_roles.APPLIANCE_RULES). prior is the summary.platform of a vm_info result
    read back, used when there is no other evidence.
    """
    wanted = state_filter(state, host)
    vms = [normalize_vm(item, index, host) for index, item in enumerate(as_list(vms_raw, "VMs", host))]
    if includes:
        attach_includes(vms, raw or {}, includes, host)
    group_list = read_groups(cluster, host)
    evidences = [identity_evidence(identity, identity_source, host),
                 service_group_evidence(group_list) if group_list else None]
    decision = decide_appliance(evidences)
    if prior is not None and not any(evidences):
        decision = {"appliance": prior.get("appliance"), "rules": [], "basis": list(prior.get("basis") or []),
                    "reason": prior.get("reason")}
    groups = None
    if group_list is not None:
        groups = {(g["name"] or "").lower(): classify_group(g, decision["appliance"]) for g in group_list}
    for vm in vms:
        classify_vm(vm, groups, decision)
    if wanted is not None:
        vms = [vm for vm in vms if vm["state"] in wanted]
    return {"vms": vms, "summary": summarize(vms, decision)}


def _errors_of(errors, probe):
    return [e for e in (errors or []) if isinstance(e, Mapping) and e.get("probe") == probe]


def host_status(raw, errors=None, host=None):
    """Whether Hyper-V answered on the host, and if not why and what to fix."""
    name = host or "this host"
    facts = raw.get("host")
    status = {"computer_name": None, "hyperv_available": False, "cluster_node": False, "reason": None, "message": None}
    if not isinstance(facts, Mapping):
        detail = "; ".join(str(e.get("message")) for e in _errors_of(errors, "host")) or "no data"
        status.update(reason="prerequisites_failed", message=REASONS["prerequisites_failed"].format(host=name, detail=detail))
        return status
    vmms = to_str(pick(facts, ("VmmsState",)))
    status["computer_name"] = to_str(pick(facts, ("ComputerName",)))
    status["cluster_node"] = to_str(pick(facts, ("ClusterServiceState",))) == "Running"
    if vmms is None:
        reason, detail = "hyperv_not_installed", None
    elif not to_bool(pick(facts, ("HyperVModule",)), "HyperVModule", host):
        reason, detail = "hyperv_module_missing", None
    elif vmms != "Running":
        reason, detail = "vmms_not_running", vmms
    else:
        failures = _errors_of(errors, "vms")
        if not failures:
            status["hyperv_available"] = True
            return status
        detail = str(failures[0].get("message"))
        reason = "access_denied" if is_probe_access_denied(failures[0]) else "vm_query_failed"
    status.update(reason=reason, message=REASONS[reason].format(host=name, detail=detail))
    return status


def build_vm_info(raw, errors=None, state=None, host=None):
    """The vm_info result from the collector's raw observations (the included details are those it read)."""
    if not isinstance(raw, Mapping):
        raise TypeError("vm_info data%s is %s, expected a dict" % (where(host), type(raw).__name__))
    includes = [include for include in INCLUDES if include in raw]
    status = host_status(raw, errors, host)
    cluster = None
    groups_raw = raw.get("cluster_groups")
    if isinstance(groups_raw, Mapping):
        cluster = as_list(pick(groups_raw, ("Groups",)), "cluster groups", host)
    # The collector reads the host's registry CurrentVersion values in the same round trip (the keys of
    # host_facts' os_registry probe), or null when that read failed: the platform the appliance name needs.
    identity = None
    if "os_registry" in raw and raw["os_registry"] is not None:
        identity = {"os_registry": raw["os_registry"]}
    result = classify(raw.get("vms") if status["hyperv_available"] else None, cluster=cluster, state=state,
                      includes=includes if status["hyperv_available"] else (), raw=raw, host=host,
                      identity=identity, identity_source="the host's registry (_raw.os_registry)")
    result["host"] = status
    return result


def classify_vms(data, cluster=None, state=None, host=None, identity=None):
    """Interpret VMs users already have; see the classify_vms filter for the accepted shapes."""
    data = load_json_text(data, "classify_vms input", host, tables=True)
    prior = None
    if isinstance(data, Mapping) and isinstance(data.get("summary"), Mapping):  # a vm_info result read back
        platform = data["summary"].get("platform")
        prior = platform if isinstance(platform, Mapping) else None
    data = unwrap(data, ("vms", "output"))
    return classify(data, cluster=cluster, state=state, host=host, identity=identity, prior=prior)


# host_facts with include_vms runs vm_info's probes in the same call, beside its own: under these names in
# hyperv_host (errors, probe_durations), mapped to the names vm_info's collector gives them. os_registry is the
# same probe in both modules (the platform evidence of the appliance rule).
HOST_FACTS_VM_PROBES = {"vm_host": "host", "os_registry": "os_registry", "vms": "vms", "vm_cluster_groups": "cluster_groups"}
VM_INFO_PROBE_ORDER = ("host", "os_registry", "vms", "cluster_groups")  # the order of vm_info.ps1's probe table


def _hyperv_host_of(data, host=None):
    """The hyperv_host facts in data: the facts themselves, a dict holding them under hyperv_host (such as
    hostvars[host]) or ansible_facts.hyperv_host (a registered host_facts result)."""
    if isinstance(data, Mapping):
        facts = data.get("ansible_facts")
        if isinstance(facts, Mapping) and isinstance(facts.get("hyperv_host"), Mapping):
            return facts["hyperv_host"]
        if isinstance(data.get("hyperv_host"), Mapping):
            return data["hyperv_host"]
        return data
    raise TypeError("hyperv_host facts%s are %s, expected a dict" % (where(host), type(data).__name__))


def vm_collector_result(data, host=None):
    """What the vm_info collector returns (``_raw``, ``errors``, ``durations``, ``collected_at``), rebuilt from
    hyperv_host facts that host_facts gathered with include_vms: the same probes, read in the same call."""
    facts = _hyperv_host_of(data, host)
    inventory = facts.get("vm_inventory")
    if not isinstance(inventory, Mapping):
        raise ValueError("the hyperv_host facts%s have no vm_inventory: gather them with hyperv.azlocal.host_facts "
                         "include_vms=true" % where(host))
    raw = {"host": inventory.get("host")}
    if "os_registry" in facts:  # absent when excluded with exclude_probes: no platform evidence then
        raw["os_registry"] = facts["os_registry"]
    for key, value in inventory.items():
        if key != "host":
            raw[key] = value
    order = {name: index for index, name in enumerate(VM_INFO_PROBE_ORDER)}
    errors = []
    for error in as_list(facts.get("errors"), "errors", host):
        probe = HOST_FACTS_VM_PROBES.get(error.get("probe")) if isinstance(error, Mapping) else None
        if probe is not None:
            errors.append(dict(error, probe=probe))
    errors.sort(key=lambda error: order[error["probe"]])
    durations = {}
    probe_durations = facts.get("probe_durations")
    if isinstance(probe_durations, Mapping):
        for name, value in probe_durations.items():
            if name in HOST_FACTS_VM_PROBES:
                durations[HOST_FACTS_VM_PROBES[name]] = value
    return {"_raw": raw, "errors": errors, "durations": durations, "collected_at": facts.get("collected_at")}


def vm_info_from_host_facts(data, state=None, host=None):
    """The result of the vm_info action (vms, summary, host, errors, durations, collected_at) from hyperv_host
    facts gathered with include_vms, interpreted by the same code (build_vm_info)."""
    collected = vm_collector_result(data, host)
    result = {key: collected[key] for key in ("errors", "durations", "collected_at")}
    result.update(build_vm_info(collected["_raw"], errors=collected["errors"], state=state, host=host))
    return result


def host_facts_without_vms(data, host=None):
    """hyperv_host facts as host_facts returns them without include_vms: no vm_inventory, and neither errors nor
    durations of the VM probes (vm_host, vms, vm_cluster_groups). The host's own probes are kept."""
    facts = _hyperv_host_of(data, host)
    vm_only = set(HOST_FACTS_VM_PROBES) - {"os_registry"}
    result = {}
    for key, value in facts.items():
        if key == "vm_inventory":
            continue
        if key == "errors" and isinstance(value, (list, tuple)):
            value = [error for error in value if not (isinstance(error, Mapping) and error.get("probe") in vm_only)]
        elif key == "probe_durations" and isinstance(value, Mapping):
            value = {name: seconds for name, seconds in value.items() if name not in vm_only}
        result[key] = value
    return result
