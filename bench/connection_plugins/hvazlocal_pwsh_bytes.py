# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Benchmark-only connection: the test connection hvazlocal_pwsh (PowerShell modules run under PowerShell 7 through
Ansible's exec wrapper), also writing the size of every module payload it is sent to the JSON-lines file
HVAZL_BYTES_LOG: what a WinRM or SSH connection would carry to a Windows host for the same task."""

from __future__ import annotations

DOCUMENTATION = """
name: hvazlocal_pwsh_bytes
short_description: Run PowerShell modules under PowerShell 7 and log the payload sizes (benchmarks only)
description:
  - The local connection with the module preferences of a PowerShell remote, as tests/powershell/e2e's
    hvazlocal_pwsh, logging the bytes of each pipelined module payload.
author: hyperv.azlocal contributors
options:
  become_success_timeout:
    type: int
    default: 10
    description: See the local connection.
    vars:
      - name: ansible_local_become_success_timeout
  become_strip_preamble:
    type: bool
    default: true
    description: See the local connection.
    vars:
      - name: ansible_local_become_strip_preamble
  pipelining:
    type: boolean
    default: true
    description: Modules are always pipelined by this connection.
    vars:
      - name: ansible_pipelining
"""

import json
import os

from ansible.plugins.connection.local import Connection as LocalConnection


class Connection(LocalConnection):
    """hvazlocal_pwsh, logging payload sizes."""

    transport = "hvazlocal_pwsh_bytes"
    module_implementation_preferences = (".ps1", ".exe", "")
    allow_executable = False
    always_pipeline_modules = True
    has_native_async = True

    def exec_command(self, cmd, in_data=None, sudoable=True):
        if in_data and b"\n\0\0\0\0\n" in in_data:
            manifest = json.loads(in_data.split(b"\n\0\0\0\0\n", 1)[1])
            params = manifest["actions"][-1]["params"]
            args = {var["Name"]: var["Value"] for var in params.get("Variables", [])}.get("complex_args", {})
            with open(os.environ["HVAZL_BYTES_LOG"], "a", encoding="utf-8") as handle:
                handle.write(json.dumps({"script": params.get("Script"), "include_vms": bool(args.get("include_vms")),
                                         "bytes": len(in_data)}) + "\n")
        return super().exec_command(cmd, in_data=in_data, sudoable=sudoable)
