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
    the text of C(stdout)); the result of microsoft.hyperv.hv_vm_info (its C(vms) list - C(name), C(state),
    C(status), C(uptime_seconds), C(id), C(generation), and PascalCase C(MemoryStartup), C(ProcessorCount),
    C(Path), as that module's documentation and code return them); or a M(hyperv.azlocal.vm_info) result.
  - State numbers are Microsoft.HyperV.PowerShell.VMState values (2 Running, 3 Off, 6 Saved, 9 Paused, 32768 and
    up for the transitional and C(*Critical) states); an unknown number is kept as C(Unknown(<number>)).
positional: _input
options:
  _input:
    description: VMs as a list of dicts, one dict, a registered result with C(vms) or C(output), or JSON text.
    type: raw
    required: true
  cluster:
    description:
      - Cluster groups to corroborate the resource bridge and give clustered VMs their owner node, matched to VMs
        by name - a M(hyperv.azlocal.cluster_info) result, or the JSON of C(Get-ClusterGroup | ConvertTo-Json).
    type: raw
  state:
    description: Keep only VMs in these Hyper-V states (names, case-insensitive).
    type: list
    elements: str
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
      C(role_confidence), C(role_evidence), C(cluster_group), C(owner_node)) and C(summary) (C(total), C(by_state),
      C(by_role), C(clustered), C(resource_bridge), C(resource_bridge_candidates), C(infrastructure), C(warnings)).
  type: dict
  sample: {"vms": [{"name": "c8bf39ad-67bd-4a7d-ac77-638be6eecf46-control-plane-0-d38498de", "state": "Running",
                    "role": "arc_resource_bridge", "role_confidence": "name_only"}],
           "summary": {"total": 1, "by_role": {"arc_resource_bridge": 1, "infrastructure": 0, "workload": 0}}}
"""

from ansible.errors import AnsibleFilterError

from ..plugin_utils._vms import classify_vms as _classify_vms


def classify_vms(data, cluster=None, state=None):
    """VMs with their roles and a summary; see DOCUMENTATION."""
    try:
        return _classify_vms(data, cluster=cluster, state=state)
    except (TypeError, ValueError) as exc:
        raise AnsibleFilterError("classify_vms: %s" % exc) from exc


class FilterModule:
    """hyperv.azlocal.classify_vms"""

    def filters(self):
        return {"classify_vms": classify_vms}
