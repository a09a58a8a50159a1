# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: identical
short_description: Test whether hosts are identical on a set of fields
version_added: 0.1.0
author: hyperv.azlocal contributors (@hyperv-azlocal)
description:
  - True when at least two hosts have data and agree on every field (fields in O(expect_different) may differ),
    the same verdict as RV(hyperv.azlocal.compare_hosts#filter:_value.identical).
  - A field agrees only when two or more hosts have a value and all values are equal. A field no host has
    (V(no_data)), a single host, or a host whose cached facts the facts role could not refresh never count as
    agreement, with or without O(allow_missing). The statuses and freshness rules are those of
    P(hyperv.azlocal.compare_hosts#filter).
  - Takes the same input and options as P(hyperv.azlocal.compare_hosts#filter) (except C(baseline), which does not
    change the verdict), or a comparison result it already returned.
  - To learn which fields and hosts differ, use P(hyperv.azlocal.compare_hosts#filter) or
    M(hyperv.azlocal.assert_identical) instead.
positional: hosts
options:
  _input:
    description:
      - C(hostvars) together with O(hosts), a dict host name -> document without O(hosts), or the result of
        P(hyperv.azlocal.compare_hosts#filter).
    type: dict
    required: true
  hosts:
    description: The hosts to compare; see P(hyperv.azlocal.compare_hosts#filter).
    type: list
    elements: str
  fields:
    description: JMESPath expression(s) or a dict label -> expression; see P(hyperv.azlocal.compare_hosts#filter).
    type: raw
  profile:
    description: A built-in profile name, a list of them, or an own profile dict.
    type: raw
  source:
    description: Which document of each host to compare; see P(hyperv.azlocal.compare_hosts#filter).
    type: str
    default: identity
  expect_different:
    description: Field labels allowed to differ.
    type: list
    elements: str
  ignore:
    description: Field labels left out.
    type: list
    elements: str
  normalize:
    description: V(ignore_case), V(trim), a list of them, or V(true) for both.
    type: raw
  allow_missing:
    description:
      - Hosts without data, and hosts that lack a field's value, do not make the hosts different - as long as at
        least two other hosts have the value and agree. Missing data never becomes agreement.
    type: bool
    default: false
seealso:
  - plugin: hyperv.azlocal.compare_hosts
    plugin_type: filter
  - module: hyperv.azlocal.assert_identical
"""

EXAMPLES = r"""
- name: Only continue when the cluster nodes share kernel and hypervisor
  ansible.builtin.assert:
    that:
      - hostvars is hyperv.azlocal.identical(groups['cluster'], profile='kernel')
  run_once: true

- name: Test a comparison computed earlier
  ansible.builtin.debug:
    msg: "same build everywhere"
  when: comparison is hyperv.azlocal.identical
"""

RETURN = r"""
_value:
  returned: always
  sample: true
  description: Whether the hosts are identical on the fields.
  type: bool
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._compare import compare_hosts, is_comparison


def identical(data, hosts=None, fields=None, profile=None, source="identity", expect_different=None, ignore=None,
              normalize=None, allow_missing=False):
    """True when the hosts agree on every field (see DOCUMENTATION)."""
    if is_comparison(data) and hosts is None and fields is None and profile is None:
        return bool(data["identical"])
    try:
        return compare_hosts(data, hosts=hosts, fields=fields, profile=profile, source=source,
                             expect_different=expect_different, ignore=ignore, normalize=normalize,
                             allow_missing=allow_missing)["identical"]
    except (TypeError, ValueError) as exc:
        raise AnsibleFilterError("hyperv.azlocal.identical: %s" % exc) from exc


class TestModule:
    """hyperv.azlocal.identical"""

    def tests(self):
        return {"identical": identical}
