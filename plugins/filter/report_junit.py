# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: report_junit
short_description: Render a host comparison as JUnit XML
version_added: 0.1.0
author: hyperv.azlocal contributors (@hyperv-azlocal)
description:
  - Renders the result of P(hyperv.azlocal.compare_hosts#filter) (or of M(hyperv.azlocal.assert_identical)) as
    JUnit XML for CI systems (Jenkins, GitLab, Azure Pipelines, GitHub test reporters).
  - One C(testsuites) element holding one C(testsuite), with one C(testcase) per field, named by the field label.
    Only V(identical) fields and expected differences pass (expected differences with the values in C(system-out)).
    Every other field fails, its C(failure) type being its status - V(different), V(missing), V(no_data) (no host
    has a value - never a pass) or V(single_host) - with a message naming the odd hosts and a text listing every
    value with its hosts. One more test case, C(hosts with data), fails when fewer than two hosts have data or
    hosts are missing (unless the comparison allowed it); its C(system-out) lists when each host was observed.
  - The suite's C(timestamp) is the time of the comparison; its properties name the profile, the time, the range
    of observation times and the O(notice).
  - The XML is well formed whatever the hosts returned - markup is escaped and characters XML 1.0 forbids are
    replaced by visible C(\\xNN) escapes - and valid for the JUnit schema of the Jenkins xUnit plugin.
positional: _input
options:
  _input:
    description: A comparison result.
    type: dict
    required: true
  suite_name:
    description: Name of the test suite. Defaults to C(hyperv.azlocal.compare_hosts) and the profile name.
    type: str
  classname:
    description: C(classname) of every test case. Defaults to C(hyperv.azlocal.compare_hosts.<profile>).
    type: str
  notice:
    description:
      - A line shown at the top of the report, for example that the data is SAMPLE data (the demo passes the sample
        inventory's notice). Empty or null shows none.
    type: str
seealso:
  - plugin: hyperv.azlocal.compare_hosts
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Publish the comparison for the CI test report
  ansible.builtin.copy:
    content: "{{ comparison | hyperv.azlocal.report_junit(suite_name='cluster kernel') }}"
    dest: reports/junit-kernel.xml
    mode: "0644"
  delegate_to: localhost
  run_once: true
"""

RETURN = r"""
_value:
  returned: always
  description: The JUnit XML document.
  type: str
  sample: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"hyperv.azlocal.compare_hosts (kernel)\" ..."
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._report import render_junit


def report_junit(result, suite_name=None, classname=None, notice=None):
    """JUnit XML report of a comparison result."""
    try:
        return render_junit(result, suite_name=suite_name, classname=classname, notice=notice)
    except (TypeError, ValueError) as exc:
        raise AnsibleFilterError("hyperv.azlocal.report_junit: %s" % exc) from exc


class FilterModule:
    """hyperv.azlocal.report_junit"""

    def filters(self):
        return {"report_junit": report_junit}
