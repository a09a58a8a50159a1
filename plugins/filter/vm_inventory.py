# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: vm_inventory
short_description: The vm_info result of a host whose facts were gathered with host_facts include_vms
version_added: 0.2.0
author: hyperv.azlocal contributors (@hyperv-azlocal)
description:
  - M(hyperv.azlocal.host_facts) with O(hyperv.azlocal.host_facts#module:include_vms=true) reads the host's VMs in
    the same call, with the probes of M(hyperv.azlocal.vm_info), and returns them raw as
    C(hyperv_host.vm_inventory). This filter interprets them with the same code as the action of
    M(hyperv.azlocal.vm_info), so one module call per Hyper-V host gives the same result as host_facts followed by
    vm_info.
  - The platform rule (whether a VM named C(<GUID>-control-plane-0-<8 hex>) is the Arc resource bridge) reads the
    host's C(os_registry) observation from the same facts, as vm_info reads it in its own call.
  - Errors of the VM probes (C(vm_host), C(vms), C(vm_cluster_groups) in C(hyperv_host.errors)) and of
    C(os_registry) come out under vm_info's probe names (C(host), C(vms), C(cluster_groups), C(os_registry)), and
    give the same RV(_value.host.reason) (for example C(access_denied)) as vm_info would.
positional: _input
options:
  _input:
    description:
      - C(ansible_facts.hyperv_host) gathered with O(hyperv.azlocal.host_facts#module:include_vms=true); a dict
        holding it under C(hyperv_host) or C(ansible_facts.hyperv_host) (C(hostvars[host]), a registered
        host_facts result) works too.
      - Facts without C(vm_inventory) are an error that says how to gather it.
    type: raw
    required: true
  state:
    description:
      - Keep only VMs in these Hyper-V states (names, case-insensitive), as O(hyperv.azlocal.vm_info#module:state).
    type: list
    elements: str
  host:
    description: The host's name, used in RV(_value.host.message) and in error messages.
    type: str
notes:
  - The VM details are those host_facts read
    (O(hyperv.azlocal.host_facts#module:vm_include), as O(hyperv.azlocal.vm_info#module:include)).
seealso:
  - module: hyperv.azlocal.host_facts
  - module: hyperv.azlocal.vm_info
  - plugin: hyperv.azlocal.without_vm_inventory
    plugin_type: filter
  - plugin: hyperv.azlocal.classify_vms
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Read the host and its VMs in one call
  hyperv.azlocal.host_facts:
    include_vms: true
    vm_include: [network_adapters]

- name: The same result as hyperv.azlocal.vm_info would return
  ansible.builtin.set_fact:
    vms: "{{ ansible_facts.hyperv_host | hyperv.azlocal.vm_inventory(host=inventory_hostname) }}"

- name: Name the resource bridge VM
  ansible.builtin.debug:
    msg: "{{ vms.summary.resource_bridge.name | default('no resource bridge on this node') }}"
"""

RETURN = r"""
_value:
  returned: always
  description:
    - What the action of M(hyperv.azlocal.vm_info) returns, without Ansible's own keys - RV(hyperv.azlocal.vm_info#module:vms),
      RV(hyperv.azlocal.vm_info#module:summary), RV(hyperv.azlocal.vm_info#module:host),
      RV(hyperv.azlocal.vm_info#module:errors), RV(hyperv.azlocal.vm_info#module:durations) (from
      C(hyperv_host.probe_durations)) and RV(hyperv.azlocal.vm_info#module:collected_at) (that of the facts).
  type: dict
  sample: {"vms": [{"name": "web01", "state": "Running", "role": "workload", "role_confidence": "no_pattern"}],
           "summary": {"total": 1, "resource_bridge": null},
           "host": {"computer_name": "NODE01", "hyperv_available": true, "cluster_node": false, "reason": null,
                    "message": null},
           "errors": [], "durations": {"host": 0.41, "os_registry": 0.02, "vms": 0.65, "cluster_groups": 0.23},
           "collected_at": "2026-11-30T10:41:07.1234567Z"}
"""

from ansible.errors import AnsibleFilterError

from ..plugin_utils._vms import vm_info_from_host_facts


def vm_inventory(data, state=None, host=None):
    """The vm_info result from hyperv_host facts gathered with include_vms; see DOCUMENTATION."""
    try:
        return vm_info_from_host_facts(data, state=state, host=host)
    except (KeyError, TypeError, ValueError) as exc:
        raise AnsibleFilterError("vm_inventory: %s" % exc) from exc


class FilterModule:
    """hyperv.azlocal.vm_inventory"""

    def filters(self):
        return {"vm_inventory": vm_inventory}
