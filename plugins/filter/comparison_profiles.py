# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: comparison_profiles
short_description: List the built-in comparison profiles and their fields
version_added: 0.1.0
author: hyperv.azlocal contributors (@hyperv-azlocal)
description:
  - Returns the built-in profiles of P(hyperv.azlocal.compare_hosts#filter) - their description, their fields
    (label -> JMESPath query, description, normalisation) and the fields allowed to differ - so they can be read,
    printed, or copied and extended into your own profile.
  - V(kernel) - build, UBR, and image name, file version, SHA256 and signature of ntoskrnl.exe and of the
    hypervisor image; platform, product name and edition are expected to differ (Windows Server 2025 and Azure
    Local 24H2 share the kernel).
  - V(os) - platform, product, edition, display version, build, UBR, architecture, Azure Local solution version.
  - V(hyperv) - hypervisor running, Hyper-V installed, hypervisor image and version, supported and default VM
    configuration versions, NUMA spanning and migration settings.
  - V(cluster) - what must match across the nodes of one failover cluster - product, solution version, build and
    UBR, kernel and hypervisor versions, and the Hyper-V settings live migration depends on.
  - V(guest) - Hyper-V guests (the C(hyperv_guest) document of M(hyperv.azlocal.guest_facts), read as
    C(hyperv_guest.<key>)) - hypervisor, VM generation and integration services; the host learned over KVP is
    expected to differ. On hostvars use O(hyperv.azlocal.compare_hosts#filter:source=ansible_facts).
positional: _input
options:
  _input:
    description:
      - A profile name, a shell-style pattern, or a list of them. An empty string or list returns every profile.
      - A name or pattern that matches no profile is an error.
    type: raw
    required: true
seealso:
  - plugin: hyperv.azlocal.compare_hosts
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Show every profile
  ansible.builtin.debug:
    msg: "{{ [] | hyperv.azlocal.comparison_profiles }}"

- name: Extend the kernel profile with an own field
  ansible.builtin.set_fact:
    my_profile: >-
      {{ ('kernel' | hyperv.azlocal.comparison_profiles).kernel
         | combine({'fields': {'boot_time': 'hyperv_host.os.last_boot_up_time'}}, recursive=true) }}
"""

RETURN = r"""
_value:
  returned: always
  description: Profile name -> profile.
  type: dict
  sample: {os: {description: "Same operating system release ...", fields: {build: {query: build}}, expect_different: []}}
  contains:
    description:
      returned: always
      description: What the profile proves.
      type: str
      sample: "Same kernel and hypervisor: build, UBR, ..."
    fields:
      returned: always
      description: Field label -> C(query) (JMESPath), C(description) and optional C(normalize).
      type: dict
      sample: {build: {query: build, description: "OS build number (CurrentBuild), for example 26100."}}
    expect_different:
      returned: always
      description: Labels of the fields reported but allowed to differ.
      type: list
      elements: str
      sample: [platform, product_name, edition_id]
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._profiles import list_profiles


def comparison_profiles(names):
    """Built-in profiles matching names (all for an empty name or list)."""
    try:
        return list_profiles(names)
    except (TypeError, ValueError) as exc:
        raise AnsibleFilterError("hyperv.azlocal.comparison_profiles: %s" % exc) from exc


class FilterModule:
    """hyperv.azlocal.comparison_profiles"""

    def filters(self):
        return {"comparison_profiles": comparison_profiles}
