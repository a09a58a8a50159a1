# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
name: parse_computerinfo
short_description: Parse the Format-List text of Get-ComputerInfo or of Win32_OperatingSystem
version_added: 0.1.0
author: hyperv.azlocal contributors (@hyperv-azlocal)
description:
  - "Turns the text administrators paste from C(Get-ComputerInfo) or from
    C(Get-CimInstance Win32_OperatingSystem | Format-List *) into a dict with one snake_case key per property
    (C(OsName) -> C(os_name), C(WindowsUBR) -> C(windows_ubr), C(BuildNumber) -> C(build_number)), values as
    printed, plus C(build)."
  - "Format-List prints C(Name<padding> : value); a long value wraps onto the next lines, indented to the value
    column (the C(Name) of Win32_OperatingSystem, C(<caption>|<windows dir>|<boot partition>), often does), and
    is joined back. The whole output or the properties a C(Select-Object) kept are read; prompts and other
    output around the list are ignored, and lines that stand for an elision (C(...), C(====SNIPPED====)) are
    kept in RV(_value.skipped)."
  - The source is told by the property names (C(OsName), C(WindowsProductName), C(CsManufacturer) ... for
    C(Get-ComputerInfo); C(Caption), C(BuildNumber), C(Version), C(OperatingSystemSKU) ... for
    Win32_OperatingSystem).
  - The result is accepted by P(hyperv.azlocal.host_identity#filter) (alone or in a list with other documents of
    the same host) and so by P(hyperv.azlocal.compare_hosts#filter), like the output of
    P(hyperv.azlocal.parse_systeminfo#filter).
positional: _input
options:
  _input:
    description: The text, for example the C(stdout) of M(ansible.windows.win_powershell) or M(ansible.windows.win_shell)
      running C(Get-ComputerInfo).
    type: str
    required: true
notes:
  - Values stay text as printed (C(True), C(10.0.26100), C({KB5028948, KB5012170…})); P(hyperv.azlocal.host_identity#filter)
    reads the ones it needs.
  - Text that holds several objects (the output of several hosts) is an error; parse one host at a time.
  - Property names are not localized by PowerShell, so localized Windows is read too.
seealso:
  - plugin: hyperv.azlocal.parse_systeminfo
    plugin_type: filter
  - plugin: hyperv.azlocal.host_identity
    plugin_type: filter
"""

EXAMPLES = r"""
- name: Read the OS properties the way many runbooks already do
  ansible.windows.win_shell: Get-CimInstance Win32_OperatingSystem | Format-List *
  register: win32_os
  changed_when: false

- name: Parse them and interpret them
  ansible.builtin.set_fact:
    os_identity: "{{ win32_os.stdout | hyperv.azlocal.parse_computerinfo | hyperv.azlocal.host_identity(host=inventory_hostname) }}"

- name: Get-ComputerInfo saved by an administrator, combined with the output of ver for the same host
  ansible.builtin.set_fact:
    node7: >-
      {{ [lookup('ansible.builtin.file', 'captures/node7-computerinfo.txt') | hyperv.azlocal.parse_computerinfo,
          lookup('ansible.builtin.file', 'captures/node7-ver.txt') | hyperv.azlocal.parse_ver]
         | hyperv.azlocal.host_identity(host='node7') }}
"""

RETURN = r"""
_value:
  description:
    - One key per property, in snake_case, with the value as printed (a string; an empty value is an empty
      string). A property whose snake_case name clashes with one of the keys below is kept as C(property_<name>).
  type: dict
  contains:
    source:
      description: C(computerinfo) (Get-ComputerInfo) or C(win32_operatingsystem); tells
        P(hyperv.azlocal.host_identity#filter) what the document is.
      type: str
      sample: computerinfo
    format:
      description: Always C(list), the Format-List form.
      type: str
      sample: list
    build:
      description: The build number, from C(OsBuildNumber) / C(BuildNumber), else from C(OsVersion) / C(Version)
        (C(10.0.20348) -> 20348); null when the text has neither.
      type: int
      sample: 20348
    partial:
      description: True when the text has a line that stands for an elision (C(...), C(====SNIPPED====)).
      type: bool
      sample: false
    skipped:
      description: The elision lines and the lines after them that belong to no property, as printed.
      type: list
      elements: str
      sample: []
    os_name:
      description: Get-ComputerInfo C(OsName) (Win32_OperatingSystem Caption).
      type: str
      sample: Microsoft Windows Server 2022 Datacenter
    os_version:
      description: Get-ComputerInfo C(OsVersion).
      type: str
      sample: 10.0.20348
    windows_product_name:
      description: Get-ComputerInfo C(WindowsProductName) (registry ProductName; still C(Windows 10 ...) on Windows 11).
      type: str
      sample: Windows 10 Pro
    windows_ubr:
      description: Get-ComputerInfo C(WindowsUBR), the update build revision.
      type: str
      sample: "2134"
    caption:
      description: Win32_OperatingSystem C(Caption).
      type: str
      sample: Microsoft Azure Stack HCI
    name:
      description: Win32_OperatingSystem C(Name), C(<caption>|<windows dir>|<boot partition>), joined back when wrapped.
      type: str
      sample: Microsoft Azure Stack HCI|C:\Windows|\Device\Harddisk9\Partition3
"""

from ansible.errors import AnsibleFilterError

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._parsers import parse_computerinfo as _parse_computerinfo


def parse_computerinfo(text):
    """Filter entry point: see DOCUMENTATION."""
    try:
        return _parse_computerinfo(text)
    except (TypeError, ValueError) as exc:
        raise AnsibleFilterError(str(exc), orig_exc=exc) from exc


class FilterModule:
    """hyperv.azlocal.parse_computerinfo"""

    def filters(self):
        return {"parse_computerinfo": parse_computerinfo}
