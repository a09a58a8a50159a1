# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: without_vm_inventory
short_description: Host facts as host_facts returns them without include_vms
version_added: 0.2.0
author: hyperv.azlocal contributors (@hyperv-azlocal)
description:
  - Removes from C(hyperv_host) what O(hyperv.azlocal.host_facts#module:include_vms=true) added - C(vm_inventory),
    and the C(errors) and C(probe_durations) entries of the VM probes (C(vm_host), C(vms), C(vm_cluster_groups)) -
    so facts gathered in one call keep the shape of host facts gathered alone (for caching, snapshots and
    comparisons). Everything the host's own probes read is kept, C(duration) and C(collected_at) included.
  - Facts without C(vm_inventory) come back unchanged.
positional: _input
options:
  _input:
    description:
      - C(ansible_facts.hyperv_host); a dict holding it under C(hyperv_host) or C(ansible_facts.hyperv_host) works
        too (the facts themselves are returned).
    type: raw
    required: true
seealso:
  - plugin: hyperv.azlocal.vm_inventory
    plugin_type: filter
  - module: hyperv.azlocal.host_facts
"""

EXAMPLES = r"""
- name: Keep the VMs apart from the host facts they were read with
  ansible.builtin.set_fact:
    vms: "{{ ansible_facts.hyperv_host | hyperv.azlocal.vm_inventory(host=inventory_hostname) }}"
    hyperv_host: "{{ ansible_facts.hyperv_host | hyperv.azlocal.without_vm_inventory }}"
"""

RETURN = r"""
_value:
  returned: always
  description: The C(hyperv_host) facts without C(vm_inventory) and the VM probes' errors and durations.
  type: dict
  sample: {"os_registry": {"current_build_number": "26100", "ubr": 4349}, "errors": [],
           "probe_durations": {"os_registry": 0.004}, "duration": 0.652}
"""

from ansible.errors import AnsibleFilterError

from ..plugin_utils._vms import host_facts_without_vms


def without_vm_inventory(data):
    """hyperv_host facts without what include_vms added; see DOCUMENTATION."""
    try:
        return host_facts_without_vms(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise AnsibleFilterError("without_vm_inventory: %s" % exc) from exc


class FilterModule:
    """hyperv.azlocal.without_vm_inventory"""

    def filters(self):
        return {"without_vm_inventory": without_vm_inventory}
