# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: classify_vms
short_description: Tell the Arc resource bridge and infrastructure VMs from workloads in VM data you already have
version_added: 0.1.0
author: hyperv.azlocal contributors (@hyperv-azlocal)
description:
  - Interprets Hyper-V VM data collected any way, with the same code as the action of M(hyperv.azlocal.vm_info) -
    every VM gets a C(role) (C(arc_resource_bridge), C(infrastructure), C(workload)) with its evidence, and a
    summary gives counts by state and role and the resource bridge VM.
  - Accepts the JSON of C(Get-VM | Select-Object ... | ConvertTo-Json) (PascalCase properties, State as a number
    or a name, one object or a list; as parsed data, as the C(output) of ansible.windows.win_powershell, or as
    the text of C(stdout), or the table C(Get-VM) prints); the result of microsoft.hyperv.hv_vm_info (its C(vms) list - C(name), C(state),
    C(status), C(uptime_seconds), C(id), C(generation), and PascalCase C(MemoryStartup), C(ProcessorCount),
    C(Path), as that module's documentation and code return them); or a M(hyperv.azlocal.vm_info) result.
  - State numbers are Microsoft.HyperV.PowerShell.VMState values (2 Running, 3 Off, 6 Saved, 9 Paused, 32768 and
    up for the transitional and C(*Critical) states); an unknown number is kept as C(Unknown(<number>)).
  - "The platform rule: a VM named C(<GUID>-control-plane-0-<8 hex>) (the id a GUID with or without dashes) is the
    Arc resource bridge on Azure Local 23H2 and later, but the AKS management cluster's control plane on AKS
    hybrid (Azure Stack HCI 22H2 and earlier, Windows Server). The platform comes from O(identity) and from the
    cluster groups of O(cluster) (the Azure Local Orchestrator, Update, Download and Health service groups exist
    only on 23H2 and later). Without such evidence the VM gets C(role=infrastructure),
    C(appliance=resource_bridge_candidate), and C(summary.platform.reason) and C(summary.warnings) say why."
positional: _input
options:
  _input:
    description: VMs as a list of dicts, one dict, a registered result with C(vms) or C(output), or JSON text.
    type: raw
    required: true
  cluster:
    description:
      - Cluster groups to corroborate the resource bridge and give clustered VMs their owner node, matched to VMs
        by name - a M(hyperv.azlocal.cluster_info) result, the JSON of C(Get-ClusterGroup | ConvertTo-Json), or
        the table C(Get-ClusterGroup) prints (Name, OwnerNode, State).
    type: raw
  state:
    description: Keep only VMs in these Hyper-V states (names, case-insensitive).
    type: list
    elements: str
  identity:
    description:
      - The host's platform, for the platform rule - the output of P(hyperv.azlocal.host_identity#filter) for the
        host the VMs run on, or its raw C(hyperv_host) facts (M(hyperv.azlocal.host_facts); a dict holding them
        under C(hyperv_host) or C(ansible_facts.hyperv_host), such as C(hostvars[host]), works too), which are
        interpreted by the same code.
    type: raw
seealso:
  - module: hyperv.azlocal.vm_info
  - plugin: hyperv.azlocal.cluster_summary
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Read VMs the way many playbooks already do
  ansible.windows.win_powershell:
    script: Get-VM | Select-Object Name, Id, State, Uptime, Generation, Version, IsClustered, ComputerName
  register: raw_vms

- name: Classify them
  ansible.builtin.set_fact:
    vms: "{{ raw_vms.output | hyperv.azlocal.classify_vms }}"

- name: Name the resource bridge VM
  ansible.builtin.debug:
    msg: "{{ vms.summary.resource_bridge.name | default('none') }}"

- name: Tell the resource bridge from the AKS management cluster with the host's own facts
  ansible.builtin.set_fact:
    vms: "{{ raw_vms.output | hyperv.azlocal.classify_vms(identity=hostvars[inventory_hostname]) }}"

- name: Classify microsoft.hyperv.hv_vm_info output, corroborated by the cluster groups
  ansible.builtin.set_fact:
    running_workloads: >-
      {{ (hv_vms | hyperv.azlocal.classify_vms(cluster=cluster_groups.output, state=['Running'])).vms
         | selectattr('role', 'eq', 'workload') | map(attribute='name') | list }}
"""

RETURN = r"""
_value:
  returned: always
  description:
    - C(vms) (the VMs in the shape of M(hyperv.azlocal.vm_info) RV(hyperv.azlocal.vm_info#module:vms), with C(role),
      C(role_confidence), C(role_evidence), C(appliance), C(cluster_group), C(owner_node)) and C(summary) (C(total),
      C(by_state), C(by_role), C(clustered), C(resource_bridge), C(resource_bridge_candidates),
      C(aks_management_clusters), C(infrastructure), C(platform), C(warnings)).
  type: dict
  sample: {"vms": [{"name": "c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de", "state": "Running",
                    "role": "arc_resource_bridge", "role_confidence": "platform", "appliance": "arc_resource_bridge"}],
           "summary": {"total": 1, "by_role": {"arc_resource_bridge": 1, "infrastructure": 0, "workload": 0}}}
"""

from ansible.errors import AnsibleFilterError

from ..plugin_utils._vms import classify_vms as _classify_vms


def classify_vms(data, cluster=None, state=None, identity=None):
    """VMs with their roles and a summary; see DOCUMENTATION."""
    try:
        return _classify_vms(data, cluster=cluster, state=state, identity=identity)
    except (TypeError, ValueError) as exc:
        raise AnsibleFilterError("classify_vms: %s" % exc) from exc


class FilterModule:
    """hyperv.azlocal.classify_vms"""

    def filters(self):
        return {"classify_vms": classify_vms}
