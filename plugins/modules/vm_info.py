#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: vm_info
short_description: List Hyper-V VMs and tell the Arc resource bridge and infrastructure VMs from workloads
version_added: 0.1.0
description:
  - Lists the VMs of a Hyper-V host or Azure Local node in one round trip (one C(Hyper-V\Get-VM), plus one bulk
    query for each item of O(include)), read-only.
  - Gives every VM a RV(vms[].role), with the evidence that decided it. C(arc_resource_bridge) is the MOC appliance
    VM of Azure Arc resource bridge, named C(<GUID>-control-plane-0-<8 hex>) (the id a GUID with or without
    dashes), on a platform where that name is the bridge (corroborated, when the host is a cluster node, by
    its cluster group matching C(*control-plan*), the selector Microsoft's troubleshooting guides use).
    C(infrastructure) is another MOC or Azure Local appliance VM, such as an AKS workload cluster control plane
    named C(<cluster>-control-plane-<5 chars>-<8 hex>); these also contain C(-control-plane-) and are never
    taken for the resource bridge. C(workload) is everything else.
  - "The platform rule: the same C(<GUID>-control-plane-0-<8 hex>) name is the Arc resource bridge on Azure Local
    23H2 and later, but the AKS management cluster's control plane on AKS hybrid (Azure Stack HCI 22H2 and
    earlier, Windows Server). The collector reads the host's registry CurrentVersion values (EditionID,
    ProductName, build) in the same round trip and the action plugin decides with them, and with the cluster's
    Azure Local service groups (Orchestrator, Update, Download, Health: 23H2 and later only). Without platform
    evidence the VM is only a candidate (RV(vms[].appliance=resource_bridge_candidate)), never called the bridge,
    and RV(summary.platform.reason) says why."
  - Returns a RV(summary) with counts by state and role and the resource bridge VM (or null).
  - A host without Hyper-V, with the Virtual Machine Management service stopped, or where the account may not
    list VMs, returns RV(vms=[]) and a RV(host.reason) with what to fix, not an error.
  - The PowerShell collector only reads; the action plugin of the same name interprets on the controller, with
    the same code as the P(hyperv.azlocal.classify_vms#filter) filter.
options:
  name:
    description:
      - Only the VMs whose name matches one of these PowerShell C(-like) wildcard patterns (C(*), C(?), C([a-c])),
        case-insensitive. All VMs when empty.
    type: list
    elements: str
    default: []
  state:
    description:
      - Only the VMs in one of these states, as Hyper-V names them (C(Running), C(Off), C(Saved), C(Paused),
        C(RunningCritical) ...), case-insensitive. All VMs when empty.
      - Applied on the controller; an unknown state name fails the task with the list of valid names.
      - RV(summary) counts the selected VMs only.
    type: list
    elements: str
    default: []
  include:
    description:
      - More details per VM, each read with one bulk query for all selected VMs.
      - C(integration_services) (C(Get-VMIntegrationService)), C(network_adapters) (C(Get-VMNetworkAdapter), with
        the IP addresses the guest reports), C(hard_drives) (C(Get-VMHardDiskDrive)).
    type: list
    elements: str
    choices: [integration_services, network_adapters, hard_drives]
    default: []
  cluster_groups:
    description:
      - When the host is a running failover cluster node, also read the cluster's groups (one
        C(Get-ClusterGroup), this node only, no remoting). They corroborate the resource bridge VM and give
        clustered VMs their RV(vms[].owner_node) and RV(vms[].cluster_group).
      - Ignored on hosts that are not cluster nodes.
    type: bool
    default: true
extends_documentation_fragment:
  - hyperv.azlocal.probe
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.flow
attributes:
  action:
    support: full
  async:
    support: none
  bypass_host_loop:
    support: none
  check_mode:
    support: full
  diff_mode:
    support: none
  platform:
    support: full
    platforms: windows
notes:
  - C(Get-VM) lists the VMs registered on the host it runs on. On a cluster, run the module on every node to see
    every VM, or use M(hyperv.azlocal.cluster_info) for the VM roles of the whole cluster from one node.
  - The cmdlets are module-qualified (C(Hyper-V\Get-VM)) so that VMware PowerCLI's C(Get-VM) is never called.
  - A VM is matched to its cluster group by name (Failover Cluster Manager names a VM role after its VM). The
    name patterns are those of MOC appliance VMs in Microsoft's AKS on Azure Stack HCI documentation and of the
    resource bridge cluster group in Microsoft's Azure Local documentation. See C(docs/vm_cluster.md) in the
    collection for every rule and its source.
  - RV(vms[].state) is the Hyper-V VMState name; the C(*Critical) states mean Hyper-V reports the VM's health as
    not OK (for example its storage is not reachable).
seealso:
  - module: hyperv.azlocal.cluster_info
  - plugin: hyperv.azlocal.classify_vms
    plugin_type: filter
author:
  - hyperv.azlocal contributors (@hyperv-azlocal)
"""

EXAMPLES = r"""
- name: List all VMs and find the Arc resource bridge
  hyperv.azlocal.vm_info:
  register: vm_info

- name: Show the resource bridge VM
  ansible.builtin.debug:
    msg: "{{ vm_info.summary.resource_bridge.name | default('no resource bridge on this node') }}"

- name: Running VMs named web*, with their network adapters and disks
  hyperv.azlocal.vm_info:
    name: ['web*']
    state: [Running]
    include: [network_adapters, hard_drives]
  register: web_vms

- name: Never restart infrastructure VMs in a maintenance loop
  ansible.builtin.debug:
    msg: "Would restart {{ item.name }}"
  loop: "{{ vm_info.vms | selectattr('role', 'eq', 'workload') | list }}"
  loop_control:
    label: "{{ item.name }}"
"""

RETURN = r"""
vms:
  description: The selected VMs, in the order Get-VM listed them.
  returned: always
  type: list
  elements: dict
  sample: [{"name": "web01", "state": "Running", "role": "workload", "role_confidence": "no_pattern"}]
  contains:
    name:
      returned: always
      description: VM name.
      type: str
      sample: c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de
    id:
      returned: always
      description: VM ID (GUID).
      type: str
      sample: 5c1e9a4b-2f8d-4e57-9a3c-0d6e7f8a9b10
    state:
      returned: always
      description: Hyper-V VM state name (Microsoft.HyperV.PowerShell.VMState), null when not reported.
      type: str
      sample: Running
    status:
      returned: always
      description: Operational status text as Get-VM prints it (localized by Windows).
      type: str
      sample: Operating normally
    uptime_seconds:
      returned: always
      description: Seconds since the VM started, 0 when it is off.
      type: int
      sample: 864000
    generation:
      returned: always
      description: VM generation (1 BIOS, 2 UEFI).
      type: int
      sample: 2
    configuration_version:
      returned: always
      description: VM configuration version (C(Get-VM).Version).
      type: str
      sample: "12.0"
    processor_count:
      returned: always
      description: Virtual processors.
      type: int
      sample: 4
    memory_startup_bytes:
      returned: always
      description: Startup memory.
      type: int
      sample: 8589934592
    memory_assigned_bytes:
      returned: always
      description: Memory assigned now (0 when off).
      type: int
      sample: 8589934592
    memory_minimum_bytes:
      returned: always
      description: Dynamic memory minimum.
      type: int
      sample: 536870912
    memory_maximum_bytes:
      returned: always
      description: Dynamic memory maximum.
      type: int
      sample: 1099511627776
    dynamic_memory_enabled:
      returned: always
      description: Whether dynamic memory is on.
      type: bool
      sample: false
    is_clustered:
      returned: always
      description: Whether the VM is a clustered role.
      type: bool
      sample: true
    computer_name:
      returned: always
      description: The Hyper-V host that reported the VM.
      type: str
      sample: NODE01
    owner_node:
      returned: always
      description: The owner node of the VM's cluster group when known, else RV(vms[].computer_name).
      type: str
      sample: NODE01
    cluster_group:
      returned: always
      description: The VM's cluster group (C(name), C(state), C(owner_node)), or null when not clustered or not read.
      type: dict
      sample: {"name": "c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de", "state": "Online", "owner_node": "NODE01"}
    path:
      returned: always
      description: Folder of the VM's configuration.
      type: str
      sample: C:\ClusterStorage\Infrastructure_1\MocArb\Vms
    notes:
      returned: always
      description: VM notes.
      type: str
      sample: ""
    creation_time:
      returned: always
      description: When the VM was created, UTC ISO 8601.
      type: str
      sample: "2025-07-02T09:15:00Z"
    role:
      returned: always
      description: C(arc_resource_bridge), C(infrastructure) or C(workload).
      type: str
      sample: arc_resource_bridge
    role_confidence:
      returned: always
      description:
        - How the role was decided. C(platform_and_cluster_group) (the appliance name, a platform where it is the
          resource bridge, and its cluster group matches C(*control-plan*)), C(platform) (name and platform),
          C(candidate) (the appliance name without platform evidence), C(name_only), C(cluster_group_only),
          C(no_pattern) (a workload).
      type: str
      sample: platform_and_cluster_group
    appliance:
      returned: always
      description:
        - Which appliance an infrastructure VM is. C(arc_resource_bridge), C(aks_management_cluster) (the same name
          on AKS hybrid), C(resource_bridge_candidate) (the name, no platform evidence), C(aks_control_plane),
          C(unrecognised_control_plane); null for a workload.
      type: str
      sample: arc_resource_bridge
    role_evidence:
      returned: always
      description: Each piece of evidence looked at, with C(source) (C(name), C(platform) or C(cluster_group)),
        C(pattern), C(matched) and C(detail).
      type: list
      elements: dict
      sample: [{"source": "name", "pattern": "<GUID>-control-plane-0-<8 hex>", "matched": true,
                "detail": "name matches the MOC appliance VM pattern of the Arc resource bridge"}]
    integration_services:
      description: With O(include=integration_services), C(name), C(enabled), C(primary_status), C(secondary_status).
      returned: when requested
      type: list
      elements: dict
      sample: [{"name": "Heartbeat", "enabled": true, "primary_status": "OK", "secondary_status": null}]
    network_adapters:
      description: With O(include=network_adapters), C(name), C(mac_address), C(switch_name), C(connected),
        C(dynamic_mac_address), C(ip_addresses).
      returned: when requested
      type: list
      elements: dict
      sample: [{"name": "Network Adapter", "mac_address": "00155D010203", "switch_name": "ConvergedSwitch(compute_management)",
                "connected": true, "dynamic_mac_address": true, "ip_addresses": ["192.168.1.50"]}]
    hard_drives:
      description: With O(include=hard_drives), C(name), C(path), C(controller_type), C(controller_number),
        C(controller_location), C(disk_number) (pass-through disks).
      returned: when requested
      type: list
      elements: dict
      sample: [{"name": "Hard Drive on SCSI controller number 0 at location 0", "path": "C:\\ClusterStorage\\UserStorage_1\\web01.vhdx",
                "controller_type": "SCSI", "controller_number": 0, "controller_location": 0, "disk_number": null}]
summary:
  description: Counts and the VMs that matter for Azure Local operations.
  returned: always
  type: dict
  sample: {"total": 1, "by_state": {"Running": 1}, "by_role": {"arc_resource_bridge": 0, "infrastructure": 0, "workload": 1},
           "resource_bridge": null}
  contains:
    total:
      returned: always
      description: Number of selected VMs.
      type: int
      sample: 3
    by_state:
      returned: always
      description: VMs per state name (C(unknown) for a VM without a state).
      type: dict
      sample: {"Running": 2, "Off": 1}
    by_role:
      returned: always
      description: VMs per role, every role present.
      type: dict
      sample: {"arc_resource_bridge": 1, "infrastructure": 1, "workload": 1}
    clustered:
      returned: always
      description: Number of clustered VMs.
      type: int
      sample: 3
    resource_bridge:
      returned: always
      description:
        - The resource bridge VM (C(name), C(id), C(state), C(computer_name), C(owner_node), C(cluster_group),
          C(role_confidence), C(role_evidence)), or null when there is none, when it is ambiguous or when the
          platform is not known (see RV(summary.warnings) and RV(summary.platform)).
      type: dict
      sample: {"name": "c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de", "state": "Running",
               "role_confidence": "platform_and_cluster_group"}
    resource_bridge_candidates:
      returned: always
      description: Names of every VM whose role is C(arc_resource_bridge) or that is a resource bridge candidate.
      type: list
      elements: str
      sample: ["c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de"]
    aks_management_clusters:
      returned: always
      description: Names of the VMs that are the AKS management cluster's control plane (AKS hybrid).
      type: list
      elements: str
      sample: []
    platform:
      returned: always
      description:
        - The platform rule's decision, C(appliance) (C(arc_resource_bridge), C(aks_management_cluster) or null),
          C(basis) (the evidence that decided, in words) and C(reason) (why C(appliance) is null).
      type: dict
      sample: {"appliance": "arc_resource_bridge", "reason": null,
               "basis": ["the host's registry (_raw.os_registry): platform azure_local, build 26100 (edition_id
                          ServerAzureStackHCICor) -> arc_resource_bridge (release-info, msdocs-arb-recover)"]}
      contains:
        appliance:
          returned: always
          description: C(arc_resource_bridge), C(aks_management_cluster) or null.
          type: str
          sample: arc_resource_bridge
        basis:
          returned: always
          description: The evidence that decided, in words, one item per piece of evidence.
          type: list
          elements: str
          sample: []
        reason:
          returned: always
          description: Why RV(summary.platform.appliance) is null (no evidence, or evidence that disagrees); null otherwise.
          type: str
          sample: null
    infrastructure:
      returned: always
      description: Names of the infrastructure VMs.
      type: list
      elements: str
      sample: ["my-cluster-control-plane-q9mbp-ae97a3e5"]
    warnings:
      returned: always
      description: Things the classification could not settle, for example two VMs matching the resource bridge pattern.
      type: list
      elements: str
      sample: []
host:
  description: What the host offered.
  returned: always
  type: dict
  sample: {"computer_name": "NODE01", "hyperv_available": true, "cluster_node": true, "reason": null, "message": null}
  contains:
    computer_name:
      returned: always
      description: The host's computer name.
      type: str
      sample: NODE01
    hyperv_available:
      returned: always
      description: Whether the VMs could be listed.
      type: bool
      sample: true
    cluster_node:
      returned: always
      description: Whether the Cluster service runs on the host.
      type: bool
      sample: true
    reason:
      returned: always
      description:
        - Why no VMs could be listed, else null. C(hyperv_not_installed), C(hyperv_module_missing),
          C(vmms_not_running), C(access_denied), C(vm_query_failed), C(prerequisites_failed).
      type: str
      sample: null
    message:
      returned: always
      description: The reason in words, with what to fix.
      type: str
      sample: null
errors:
  description: One entry per probe that failed or timed out (C(probe), C(message), C(type)); each is also a warning.
  returned: always
  type: list
  elements: dict
  sample: []
durations:
  description: Seconds each probe took on the host.
  returned: always
  type: dict
  sample: {"host": 0.412, "vms": 0.655, "cluster_groups": 0.231}
collected_at:
  description:
    - When the observations were made, as UTC ISO 8601 text ending in C(Z) (the time the module ran on the host).
      The action plugin passes it on unchanged.
  returned: always
  type: str
  sample: "2026-11-30T10:41:07.1234567Z"
"""
