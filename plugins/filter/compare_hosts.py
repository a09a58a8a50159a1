# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: compare_hosts
short_description: Compare any number of hosts field by field and name the odd ones out
version_added: 0.1.0
author: hyperv.azlocal contributors (@hyperv-azlocal)
description:
  - Compares the same fields across any number of hosts and returns, per field, whether every host agrees,
    each host's value, the groups of hosts that share a value (largest first, so the odd ones out are named)
    and the hosts that have no value.
  - "Identical means observed and agreeing. A field is V(identical) only when at least two hosts have a value, all
    values agree (after O(normalize)) and no compared host lacks one (unless O(allow_missing)). Its status is
    otherwise V(different) (two or more values), V(expected_difference) (a field in O(expect_different) whose hosts
    differ or lack values), V(missing) (the hosts with a value agree but some lack one, or only one host has one),
    V(no_data) (no compared host has a value) or V(single_host) (only one host was compared)."
  - "The comparison is identical only when at least two hosts have data, every field is V(identical) or
    V(expected_difference), and no host is missing (unless O(allow_missing)). So a field nobody observed
    (V(no_data)) fails the comparison with or without O(allow_missing), a comparison of one host never passes,
    and O(allow_missing) never turns missing data into agreement: it only lets hosts lack values that two or more
    other hosts agree on."
  - Field expressions see plain JSON types - values from inventories, C(vars), facts and C(set_fact) included - so
    every JMESPath function works on them. A function given null (a value the host lacks) gives no value, so the host
    lacks the field; an expression that fails on a host in any other way is an error naming the field, the
    expression and the host.
  - "Freshness: every result says when the comparison ran (RV(_value.compared_at)) and when each host's document
    was observed (RV(_value.observed_at), the document's C(collected_at)). A precomputed C(hyperv_identity) is used
    only when it was made from the raw C(hyperv_host) facts next to it (the same C(collected_at)); otherwise the raw
    facts are interpreted again, so an identity is never older than the facts it comes from. When the
    P(hyperv.azlocal.facts#role) role could not refresh a host's document (unreachable, or the collector failed;
    it records this in C(hyperv_facts_status)), the cached document is not used - the host is missing with the
    reason, such as C(unreachable; cached facts from <time> not used) - unless the role was given
    C(facts_max_age) and the document is at most that old (then it is compared and RV(_value.notes) says so)."
  - Fields are JMESPath expressions, a named O(profile) (see P(hyperv.azlocal.comparison_profiles#filter)), or
    both. By default each host's document is its interpreted host identity (see O(source)).
  - Cost is linear in hosts times fields; each expression is compiled once per call.
positional: _input, hosts
options:
  _input:
    description:
      - C(hostvars) together with O(hosts), or a dict host name -> document (for example the output of
        P(hyperv.azlocal.snapshots#lookup), or identities you computed) without O(hosts).
    type: dict
    required: true
  hosts:
    description:
      - The hosts to compare, for example C(groups['cluster']) or C(ansible_play_hosts_all). Each is looked up
        in O(_input) (C(hostvars)); a host that is not there, or has no data for O(source), is reported in
        RV(_value.missing_hosts).
      - Omit it when O(_input) is a dict host -> document; then every host of that dict is compared.
    type: list
    elements: str
  fields:
    description:
      - The fields to compare. A JMESPath expression, a list of expressions (each labelled by itself), or a dict
        label -> expression. A dict value may also be a dict with C(query), C(description) and C(normalize).
      - Added after the fields of O(profile). Plain dotted paths such as C(kernel.hashes.sha256) need no jmespath
        library; other expressions need C(jmespath) on the controller.
    type: raw
  profile:
    description:
      - A built-in profile (C(kernel), C(os), C(hyperv), C(cluster), C(guest)), a list of them, or your own profile as a
        dict with C(fields), C(expect_different) and C(description).
      - List them with P(hyperv.azlocal.comparison_profiles#filter).
    type: raw
  source:
    description:
      - Which document of each host to compare.
      - V(identity) (the default) is the interpreted host identity (P(hyperv.azlocal.host_identity#filter)). It is
        looked up in each host's variables (or in each value of a dict host -> document) in this order.
      - 1. A precomputed identity in C(hyperv_identity), then in C(ansible_facts.hyperv_identity).
      - 2. Otherwise the raw facts of M(hyperv.azlocal.host_facts) in C(ansible_facts.hyperv_host), then in
        C(hyperv_host), interpreted with P(hyperv.azlocal.host_identity#filter).
      - A precomputed identity is used only when its C(collected_at) equals that of the raw facts next to it (or there
        are no raw facts); otherwise the raw facts are interpreted, so the freshest source wins.
      - 3. Only for a dict host -> document, when neither is present - raw C(hyperv_host) facts, the output of
        P(hyperv.azlocal.parse_systeminfo#filter), P(hyperv.azlocal.parse_computerinfo#filter) or
        P(hyperv.azlocal.parse_ver#filter), or a list of those (systeminfo plus ver) are interpreted the same way, so
        a host known only from captured text compares with a host gathered live; any other document (an identity,
        your own data) is used as it is.
      - When the raw C(hyperv_host) facts are known, fields can also address them under C(hyperv_host)
        (for example C(hyperv_host.os_cim.operating_system_sku)).
      - A host with neither is reported in RV(_value.missing_hosts) with the reason (not in the inventory, not a
        Windows host, host_facts not run, unreachable, the collector failed, cached facts not used).
      - Any other value is a dotted variable path, such as C(ansible_facts.hyperv_guest) or C(my_inventory_var),
        looked up at the top level of each host's variables, then under C(ansible_facts).
    type: str
    default: identity
  expect_different:
    description:
      - Field labels (shell-style wildcards allowed) that are reported but allowed to differ, for example the
        product name between Windows Server 2025 and Azure Local. Added to the profile's own list.
      - A label that matches no field is an error, so a typo cannot hide a difference.
    type: list
    elements: str
  ignore:
    description:
      - Field labels (shell-style wildcards allowed) to leave out of the comparison entirely.
    type: list
    elements: str
  baseline:
    description:
      - A host that everyone is compared to; RV(_value.fields.odd_hosts) then lists the hosts whose value
        differs from this host's. Without it the reference is the majority value, when there is one.
    type: str
  normalize:
    description:
      - Normalisation applied to every string before comparing (values are reported as they are).
        V(ignore_case) compares case-insensitively, V(trim) ignores leading and trailing white space;
        V(true) applies both. Profiles may normalise some fields already (hashes are compared case-insensitively).
    type: raw
  allow_missing:
    description:
      - Hosts without data, and hosts that lack a field's value, do not make the comparison fail. They are still
        reported.
      - It never makes missing data agree - a field still needs values on at least two hosts that agree, a field no
        host has is still V(no_data), and one host with data is still no comparison.
    type: bool
    default: false
notes:
  - Values are compared as JSON values; C(1) and C(1.0) are equal, C(true) and C(1) are not, a JSON null is
    a missing value.
  - The compare role (P(hyperv.azlocal.compare#role)) computes one result and renders all four reports and its
    assertion from it.
  - Order of the hosts does not matter; results list hosts in natural order (node2 before node10).
seealso:
  - plugin: hyperv.azlocal.identical
    plugin_type: test
  - module: hyperv.azlocal.assert_identical
  - plugin: hyperv.azlocal.comparison_profiles
    plugin_type: filter
  - plugin: hyperv.azlocal.report_html
    plugin_type: filter
  - plugin: hyperv.azlocal.snapshots
    plugin_type: lookup
"""

EXAMPLES = r"""
- name: Prove the cluster nodes run the same kernel and hypervisor
  ansible.builtin.set_fact:
    kernel_check: "{{ hostvars | hyperv.azlocal.compare_hosts(groups['cluster'], profile='kernel') }}"
  run_once: true

- name: Show which fields differ and who is odd
  ansible.builtin.debug:
    msg: "{{ kernel_check.summary }}"
  run_once: true

- name: Compare own fields, with a baseline host and case-insensitive strings
  ansible.builtin.set_fact:
    drift: >-
      {{ hostvars | hyperv.azlocal.compare_hosts(ansible_play_hosts_all,
           fields={'build': 'build', 'ubr': 'ubr', 'kernel': 'kernel.file_version'},
           baseline='node1', normalize='ignore_case') }}
  run_once: true

- name: Compare raw guest facts instead of the host identity
  ansible.builtin.set_fact:
    guests: >-
      {{ hostvars | hyperv.azlocal.compare_hosts(groups['guests'], source='ansible_facts.hyperv_guest',
           fields=['hypervisor.vendor', 'integration_services']) }}
  run_once: true

- name: Compare a node with itself last month (snapshots written with hyperv.azlocal.to_snapshot)
  ansible.builtin.set_fact:
    self_drift: >-
      {{ lookup('hyperv.azlocal.snapshots', 'snapshots/2026-10', hosts=['node1'], suffix='@2026-10')
         | combine({'node1': hostvars['node1']})
         | hyperv.azlocal.compare_hosts(profile='kernel') }}
  run_once: true
"""

RETURN = r"""
_value:
  returned: always
  description: The comparison.
  type: dict
  sample:
    identical: false
    hosts: [node1, node2, node3]
    missing_hosts: []
    missing_reasons: {}
    compared_at: "2026-11-30T10:45:00Z"
    observed_at: {node1: "2026-11-30T10:41:07.1234567Z", node2: "2026-11-30T10:41:08.0042177Z",
                  node3: "2026-11-30T10:41:07.9810512Z"}
    notes: {}
    probe_errors: {}
    fields:
      ubr:
        query: ubr
        identical: false
        status: different
        expected_difference: false
        values: {node1: 4349, node2: 4349, node3: 4061}
        groups: [{value: 4349, hosts: [node1, node2]}, {value: 4061, hosts: [node3]}]
        missing: []
        reference: 4349
        odd_hosts: [node3]
    differences: [ubr]
    expected_differences: []
    profile: null
    baseline: null
    allow_missing: false
    summary: "NOT IDENTICAL: 1 of 1 field is not identical across 3 hosts: ubr (node3 differs)."
  contains:
    identical:
      returned: always
      description:
        - True when at least two hosts have data, every field is V(identical) or V(expected_difference), and no host
          is missing (unless O(allow_missing)).
      type: bool
      sample: false
    hosts:
      returned: always
      description: The hosts compared (those with a document), in natural order.
      type: list
      elements: str
      sample: [node1, node2, node3]
    missing_hosts:
      returned: always
      description: Hosts asked for that have no document (not in the inventory, unreachable, facts not gathered).
      type: list
      elements: str
      sample: [node4]
    missing_reasons:
      returned: always
      description: Why each missing host has no document.
      type: dict
      sample: {node4: "not in the inventory", node5: "unreachable; cached facts from 2026-11-29T08:02:11.5521934Z not used"}
    compared_at:
      returned: always
      description: When the comparison ran, UTC ISO 8601.
      type: str
      sample: "2026-11-30T10:45:00Z"
    observed_at:
      returned: always
      description: Compared host -> when its document was observed (its C(collected_at)); null when unknown (for
        example a host known from C(systeminfo) text).
      type: dict
      sample: {node1: "2026-11-30T10:41:07.1234567Z", node2: null}
    notes:
      returned: always
      description: Compared host -> a note on its data, for example that cached facts were used because the facts
        role's C(facts_max_age) allowed them.
      type: dict
      sample: {node3: "unreachable; cached facts from 2026-11-30T09:02:11Z used (at most facts_max_age 86400 s old)"}
    probe_errors:
      returned: always
      description: Compared host -> the probes that failed while its facts were gathered (C(probe - message) text
        from the document's C(errors)), which explain values it lacks.
      type: dict
      sample: {node2: ["vmhost: Access is denied."]}
    fields:
      returned: always
      description: Per field label, the details of the comparison, in the order the fields were given.
      type: dict
      sample: {build: {query: build, identical: true, status: identical, values: {node1: 26100, node2: 26100}}}
      contains:
        query:
          returned: always
          description: The JMESPath expression of the field.
          type: str
          sample: kernel.hashes.sha256
        identical:
          returned: always
          description: The status is V(identical) - at least two hosts have a value, all are equal (after
            normalisation) and no compared host lacks one (unless O(allow_missing)).
          type: bool
          sample: false
        status:
          returned: always
          description:
            - V(identical) (see RV(_value.fields.identical)); V(different) (two or more values); V(missing) (the
              hosts that have a value agree, but some have none, or only one host has one); V(no_data) (no compared
              host has a value - never agreement); V(single_host) (only one host was compared);
              V(expected_difference) (the field is in O(expect_different) and its hosts differ or lack values).
            - Only V(identical) and V(expected_difference) let the comparison pass.
          type: str
          sample: different
        expected_difference:
          returned: always
          description: The field is allowed to differ.
          type: bool
          sample: false
        values:
          returned: always
          description: Host -> value, for the hosts that have one.
          type: dict
          sample: {node1: "10.0.26100.4349", node2: "10.0.26100.4349", node3: "10.0.26100.4061"}
        groups:
          returned: always
          description: The distinct values with the hosts that share each, largest group first.
          type: list
          elements: dict
          sample: [{value: "10.0.26100.4349", hosts: [node1, node2]}, {value: "10.0.26100.4061", hosts: [node3]}]
        missing:
          returned: always
          description: Compared hosts that have no value for this field.
          type: list
          elements: str
          sample: []
        reference:
          returned: always
          description: The value others are measured against (the O(baseline) host's, else the majority's);
            null when there is none (a tie, or the baseline has no value).
          type: raw
          sample: "10.0.26100.4349"
        odd_hosts:
          returned: always
          description: Hosts that differ from the reference or have no value (empty when the field is identical).
          type: list
          elements: str
          sample: [node3]
        description:
          description: What the field means (profile fields).
          type: str
          returned: when the field has a description
          sample: FileVersionRaw of the kernel (ntoskrnl.exe) image (major.minor.build.revision).
        normalize:
          description: Normalisations applied to this field.
          type: list
          elements: str
          returned: when the field is normalised
          sample: [ignore_case]
    differences:
      returned: always
      description: Labels of the fields that let the comparison fail (every status but V(identical) and
        V(expected_difference)), in field order.
      type: list
      elements: str
      sample: [ubr, kernel_file_version]
    expected_differences:
      returned: always
      description: Labels of the fields that differ as expected.
      type: list
      elements: str
      sample: [product_name, edition_id]
    profile:
      returned: always
      description: The profile(s) used, null without one, C(custom) for your own.
      type: raw
      sample: kernel
    baseline:
      returned: always
      description: The O(baseline) host, or null.
      type: str
      sample: null
    allow_missing:
      returned: always
      description: The O(allow_missing) option.
      type: bool
      sample: false
    summary:
      returned: always
      description: One readable line with the verdict, the differing fields and who is odd.
      type: str
      sample: "NOT IDENTICAL: 1 of 16 fields is not identical across 3 hosts: ubr (node3 differs). Expected differences: product_name."
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._compare import compare_hosts as _compare


def compare_hosts(data, hosts=None, fields=None, profile=None, source="identity", expect_different=None, ignore=None,
                  baseline=None, normalize=None, allow_missing=False):
    """Compare hosts field by field (see DOCUMENTATION)."""
    try:
        return _compare(data, hosts=hosts, fields=fields, profile=profile, source=source,
                        expect_different=expect_different, ignore=ignore, baseline=baseline, normalize=normalize,
                        allow_missing=allow_missing)
    except (TypeError, ValueError) as exc:
        raise AnsibleFilterError("hyperv.azlocal.compare_hosts: %s" % exc) from exc


class FilterModule:
    """hyperv.azlocal.compare_hosts"""

    def filters(self):
        return {"compare_hosts": compare_hosts}
