# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
module: assert_identical
short_description: Fail unless hosts are identical on a set of fields, naming what differs and who
version_added: 0.1.0
author: hyperv.azlocal contributors (@hyperv-azlocal)
description:
  - Compares any number of hosts with P(hyperv.azlocal.compare_hosts#filter) and fails unless they are identical.
    The failure message is a table readable in the console - every field that is not identical with its status
    (V(DIFFERENT), V(MISSING), V(NO DATA), V(SINGLE HOST), V(expected)), each distinct value and the hosts that have
    it, the hosts missing the field, and the hosts without data with the reason.
  - Identical means observed and agreeing - at least two hosts have data, and every field has a value on two or more
    hosts that all agree (or may differ, O(expect_different)). A field no host has, one host alone, or hosts whose
    cached facts could not be refreshed never pass; see P(hyperv.azlocal.compare_hosts#filter) for the exact rules.
  - Give O(comparison) to assert a result computed earlier, so one verdict serves the assertion and the reports.
  - Returns the full comparison either way, so a later task can render it with
    P(hyperv.azlocal.report_html#filter) and friends.
  - Runs on the controller only, from the variables of the hosts (C(hostvars)); it contacts no host. Use it with
    C(run_once) - every host of the play would compute the same verdict.
options:
  hosts:
    description:
      - The hosts to compare. Defaults to C(ansible_play_hosts_all), so hosts that failed or were unreachable
        earlier in the play are reported as missing instead of silently left out.
      - Mutually exclusive with O(documents) and O(comparison).
    type: list
    elements: str
  documents:
    description:
      - Compare a dict host name -> document instead of the play's hosts (for example read back with
        P(hyperv.azlocal.snapshots#lookup)).
      - Mutually exclusive with O(hosts) and O(comparison).
    type: dict
  comparison:
    description:
      - A result of P(hyperv.azlocal.compare_hosts#filter) computed earlier, asserted as it is - nothing is compared
        again, so the assertion and the reports rendered from the same result can never disagree.
      - Mutually exclusive with O(hosts) and O(documents); the options that say how to compare (O(fields),
        O(profile), O(source), O(expect_different), O(ignore), O(baseline), O(normalize), O(allow_missing)) are an
        error next to it.
    type: dict
  fields:
    description:
      - A JMESPath expression, a list of them, or a dict label -> expression (or -> dict with C(query),
        C(description), C(normalize)); added after the fields of O(profile).
    type: raw
  profile:
    description:
      - A built-in profile (C(kernel), C(os), C(hyperv), C(cluster), C(guest)), a list of them, or an own profile dict with
        C(fields), C(expect_different), C(description). See P(hyperv.azlocal.comparison_profiles#filter).
    type: raw
  source:
    description:
      - Which document of each host to compare - V(identity) (the interpreted host identity, see
        P(hyperv.azlocal.compare_hosts#filter) for the lookup order) or a dotted variable path such as
        C(ansible_facts.hyperv_guest).
    type: str
    default: identity
  expect_different:
    description: Field labels (wildcards allowed) reported but allowed to differ; added to the profile's list.
    type: list
    elements: str
  ignore:
    description: Field labels (wildcards allowed) left out of the comparison.
    type: list
    elements: str
  baseline:
    description: A host everyone is compared to, instead of the majority.
    type: str
  normalize:
    description: V(ignore_case), V(trim), a list of them, or V(true) for both.
    type: raw
  allow_missing:
    description: Hosts without data and fields without a value do not fail the assertion (they are still reported).
    type: bool
    default: false
  fail_msg:
    description: A line put before the table of differences in the failure message.
    type: str
    aliases: [msg]
  success_msg:
    description: The message when the hosts are identical. Defaults to the comparison summary.
    type: str
  quiet:
    description: Do not show the result without C(-v) (by default it is shown, as M(ansible.builtin.assert) does).
    type: bool
    default: false
  max_value:
    description: Longest value shown in the table, in characters; V(0) shows all.
    type: int
    default: 60
  max_hosts:
    description: Most host names listed per value in the table; V(0) lists all.
    type: int
    default: 10
  notice:
    description: A line shown first in the table, for example that the data is SAMPLE data.
    type: str
extends_documentation_fragment:
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.conn
  - ansible.builtin.action_common_attributes.flow
attributes:
  action:
    support: full
  async:
    support: none
  become:
    support: none
  bypass_host_loop:
    support: none
  check_mode:
    support: full
    details: Nothing is changed; the comparison runs the same in check mode.
  connection:
    support: none
  delegation:
    support: none
    details: Runs on the controller; delegation has no effect.
  diff_mode:
    support: none
  platform:
    platforms: all
notes:
  - For a readable multi-line message also in the failure line, set C(ANSIBLE_CALLBACK_RESULT_FORMAT=yaml);
    with the default JSON output read the RV(table) lines.
seealso:
  - plugin: hyperv.azlocal.compare_hosts
    plugin_type: filter
  - plugin: hyperv.azlocal.identical
    plugin_type: test
  - module: ansible.builtin.assert
"""

EXAMPLES = r"""
- name: Prove that Windows Server 2025 and Azure Local nodes run the same kernel and hypervisor
  hyperv.azlocal.assert_identical:
    hosts: "{{ groups['hyperv_hosts'] }}"
    profile: kernel
  run_once: true

- name: Cluster nodes must match node1, ignoring the storage migration limit
  hyperv.azlocal.assert_identical:
    hosts: "{{ groups['cluster'] }}"
    profile: cluster
    ignore: [storage_migration_max]
    baseline: node1
    fail_msg: The cluster nodes have drifted apart; fix them before updating.
  run_once: true
  register: cluster_check

- name: Keep the comparison as an HTML page, pass or fail
  ansible.builtin.copy:
    content: "{{ cluster_check | hyperv.azlocal.report_html(title='Cluster nodes') }}"
    dest: reports/cluster.html
    mode: "0644"
  delegate_to: localhost
  run_once: true
  when: cluster_check is not skipped
"""

RETURN = r"""
msg:
  description: The summary when identical; otherwise O(fail_msg) (if given) and the table of differences.
  returned: always
  type: str
  sample: "NOT IDENTICAL: 1 of 16 fields differ across 3 hosts: ubr (node3 differs). ..."
table:
  description: The summary, the profile and times line, then the table of fields that are not identical (with
    their status), the missing hosts with their reasons, notes and probe errors - one line per row, for consoles
    that show the result as JSON. Host-supplied text is shown with visible escapes, so it cannot add or break lines.
  returned: always
  type: list
  elements: str
  sample: ["NOT IDENTICAL: 1 of 1 field is not identical across 3 hosts: ubr (node3 differs).",
           "Own fields, compared 2026-11-30T10:45:00Z, hosts observed 2026-11-30T10:41:07Z to 2026-11-30T10:41:09Z.",
           "FIELD  STATUS     VALUE  HOSTS", "ubr    DIFFERENT  4349   node1, node2", "                  4061   node3"]
identical:
  description: The verdict; see P(hyperv.azlocal.compare_hosts#filter).
  returned: always
  type: bool
  sample: false
hosts:
  description: The hosts compared (those with data), in natural order.
  returned: always
  type: list
  elements: str
  sample: [node1, node2, node3]
missing_hosts:
  description: Hosts without data.
  returned: always
  type: list
  elements: str
  sample: []
missing_reasons:
  description: Host -> why it has no data.
  returned: always
  type: dict
  sample: {}
fields:
  description: Per field label - C(query), C(identical), C(status) (V(identical), V(different),
    V(expected_difference), V(missing), V(no_data) or V(single_host)), C(expected_difference), C(values), C(groups),
    C(missing), C(reference), C(odd_hosts); see P(hyperv.azlocal.compare_hosts#filter).
  returned: always
  type: dict
  sample: {ubr: {identical: false, status: different, groups: [{value: 4349, hosts: [node1, node2]}]}}
differences:
  description: Labels of the fields that are neither identical nor an expected difference (different, missing,
    no data, single host).
  returned: always
  type: list
  elements: str
  sample: [ubr]
expected_differences:
  description: Labels of the fields that differ as expected.
  returned: always
  type: list
  elements: str
  sample: [product_name]
profile:
  description: The profile(s) used.
  returned: always
  type: raw
  sample: kernel
baseline:
  description: The baseline host, or null.
  returned: always
  type: str
  sample: null
allow_missing:
  description: The O(allow_missing) option.
  returned: always
  type: bool
  sample: false
compared_at:
  description: When the comparison ran (UTC ISO 8601).
  returned: always
  type: str
  sample: "2026-11-30T10:45:00Z"
observed_at:
  description: Host -> when its document was observed (its C(collected_at)), null when unknown.
  returned: always
  type: dict
  sample: {node1: "2026-11-30T10:41:07.1234567Z"}
notes:
  description: Host -> a note on its data, for example cached facts used under the facts role's max_age.
  returned: always
  type: dict
  sample: {}
probe_errors:
  description: "Host -> the probes that failed while its facts were gathered, as C(probe: message)."
  returned: always
  type: dict
  sample: {node2: ["vmhost: Access is denied."]}
summary:
  description: One readable line with the verdict.
  returned: always
  type: str
  sample: "IDENTICAL: 3 hosts agree on 16 fields. Expected differences: platform, product_name, edition_id."
"""
