# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: report_html
short_description: Render a host comparison as a self-contained HTML page
version_added: 0.1.0
author: hyperv.azlocal contributors (@hyperv-azlocal)
description:
  - Renders the result of P(hyperv.azlocal.compare_hosts#filter) (or of M(hyperv.azlocal.assert_identical)) as one
    HTML page with no external assets (inline style, no scripts, no fonts or images to fetch).
  - A field x host grid shows at a glance which values are the same as the reference (green, C(=)), differ
    (red, C(≠)), differ as expected (blue, C(≈)), have no majority (yellow, C(~)) or are missing (grey, C(–)) - a
    field with no value on any host is grey in every cell and its status, V(NO DATA), red;
    hosts without any data get a grey column with the reason in its tooltip; hovering a cell shows the full
    value. Below it each field lists its distinct values and their hosts, then the missing hosts with their
    reasons.
  - Every host-supplied string is HTML-escaped; characters XML 1.0 forbids are shown as C(\\xNN) escapes.
  - Shows every field status as it is - V(identical), V(different), V(expected_difference), V(missing), V(no_data)
    (no compared host has a value) and V(single_host) - so a field without data never looks like agreement.
  - Says which profile was compared, when the comparison ran and when each host was observed, and why each missing
    host has no data (for example C(unreachable; cached facts from <time> not used)).
positional: _input
options:
  _input:
    description: A comparison result.
    type: dict
    required: true
  title:
    description: The page title and heading. Defaults to C(Host comparison) and the profile name.
    type: str
  max_value:
    description: Longest value shown in a grid cell, in characters (the full value is in the cell's tooltip and in
      the field details); V(0) shows all.
    type: int
    default: 28
  notice:
    description:
      - A line shown at the top of the report, for example that the data is SAMPLE data (the demo passes the sample
        inventory's notice). Empty or null shows none.
    type: str
seealso:
  - plugin: hyperv.azlocal.compare_hosts
    plugin_type: filter
  - plugin: hyperv.azlocal.report_markdown
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Write the comparison as an HTML page
  ansible.builtin.copy:
    content: "{{ comparison | hyperv.azlocal.report_html(title='Cluster nodes') }}"
    dest: reports/cluster.html
    mode: "0644"
  delegate_to: localhost
  run_once: true
"""

RETURN = r"""
_value:
  returned: always
  description: The HTML page.
  type: str
  sample: "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">..."
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._report import render_html


def report_html(result, title=None, max_value=28, notice=None):
    """Self-contained HTML report of a comparison result."""
    try:
        return render_html(result, title=title, max_value=max_value, notice=notice)
    except (TypeError, ValueError) as exc:
        raise AnsibleFilterError("hyperv.azlocal.report_html: %s" % exc) from exc


class FilterModule:
    """hyperv.azlocal.report_html"""

    def filters(self):
        return {"report_html": report_html}
