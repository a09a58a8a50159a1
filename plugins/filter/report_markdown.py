# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: report_markdown
short_description: Render a host comparison as Markdown
version_added: 0.1.0
author: hyperv.azlocal contributors (@hyperv-azlocal)
description:
  - Renders the result of P(hyperv.azlocal.compare_hosts#filter) (or of M(hyperv.azlocal.assert_identical)) as a
    Markdown document - the verdict, the summary, one table row per distinct value of each field with the hosts
    that have it, and the missing hosts with their reasons.
  - Every host-supplied string is escaped, values are shown as code spans, so a value cannot break the table.
  - Shows every field status as it is - V(identical), V(different), V(expected_difference), V(missing), V(no_data)
    (no compared host has a value) and V(single_host) - so a field without data never looks like agreement.
  - Says which profile was compared, when the comparison ran and when each host was observed, and why each missing
    host has no data (for example C(unreachable; cached facts from <time> not used)).
  - A newline, a control character or a bidirectional override in a host name or value is shown as a visible
    escape (C(\\x0a), C(\\u202e)), so it can neither start a new row nor reorder what the reader sees.
positional: _input
options:
  _input:
    description: A comparison result.
    type: dict
    required: true
  title:
    description: The heading. Defaults to C(Host comparison) and the profile name.
    type: str
  max_value:
    description: Longest value shown, in characters (longer ones are cut with an ellipsis); V(0) shows all.
    type: int
    default: 80
  max_hosts:
    description: Most host names listed per value before C(and N more); V(0) lists all.
    type: int
    default: 20
  only_differences:
    description: Leave identical fields out of the table.
    type: bool
    default: false
  notice:
    description:
      - A line shown at the top of the report, for example that the data is SAMPLE data (the demo passes the sample
        inventory's notice). Empty or null shows none.
    type: str
seealso:
  - plugin: hyperv.azlocal.compare_hosts
    plugin_type: filter
  - plugin: hyperv.azlocal.report_html
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Write the kernel comparison as Markdown
  ansible.builtin.copy:
    content: "{{ hostvars | hyperv.azlocal.compare_hosts(groups['cluster'], profile='kernel')
                 | hyperv.azlocal.report_markdown(title='Kernel and hypervisor') }}"
    dest: reports/kernel.md
    mode: "0644"
  delegate_to: localhost
  run_once: true
"""

RETURN = r"""
_value:
  returned: always
  description: The Markdown text.
  type: str
  sample: "# Host comparison (kernel)\n\n**NOT IDENTICAL** \u2014 ...\n\n| Field | Status | Value | Hosts |\n..."
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._report import render_markdown


def report_markdown(result, title=None, max_value=80, max_hosts=20, only_differences=False, notice=None):
    """Markdown report of a comparison result."""
    try:
        return render_markdown(result, title=title, max_value=max_value, max_hosts=max_hosts,
                               only_differences=only_differences, notice=notice)
    except (TypeError, ValueError) as exc:
        raise AnsibleFilterError("hyperv.azlocal.report_markdown: %s" % exc) from exc


class FilterModule:
    """hyperv.azlocal.report_markdown"""

    def filters(self):
        return {"report_markdown": report_markdown}
