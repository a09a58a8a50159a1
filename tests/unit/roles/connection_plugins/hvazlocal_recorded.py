# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Test-only connection: a Windows host that answers every module call with a recorded result, and counts the calls.

Modules reach it as they reach a Windows host over WinRM (PowerShell implementations, pipelined through Ansible's
exec wrapper payload), but nothing runs: each call is appended to the JSON-lines file HVAZL_RECORDED_CALLS (host,
module, arguments, bytes sent), and the answer is the result HVAZL_RECORDED_RESULTS (a JSON file) holds for
``<host>`` / ``<module>`` (``host_facts+vms`` for host_facts with include_vms). A host whose results hold
``unreachable`` cannot be connected to. Only for the collection's role tests.
"""

from __future__ import annotations

DOCUMENTATION = """
name: hvazlocal_recorded
short_description: Answer module calls with recorded results and count them (tests only)
description:
  - A fake Windows host for the collection's role tests; see the module docstring.
author: hyperv.azlocal contributors
options:
  remote_addr:
    description: The host whose recorded results answer.
    default: inventory_hostname
    vars:
      - name: inventory_hostname
"""

import json
import os

from ansible.errors import AnsibleConnectionFailure
from ansible.plugins.connection import ConnectionBase


class Connection(ConnectionBase):
    """Answers the exec wrapper's payload with a recorded module result."""

    transport = "hvazlocal_recorded"
    module_implementation_preferences = (".ps1", ".exe", "")
    allow_executable = False
    always_pipeline_modules = True
    has_pipelining = True
    has_native_async = True
    _remote_is_local = True

    def _results(self):
        with open(os.environ["HVAZL_RECORDED_RESULTS"], encoding="utf-8") as handle:
            return json.load(handle).get(self.get_option("remote_addr"), {})

    def _connect(self):
        if self._results().get("unreachable"):
            raise AnsibleConnectionFailure("recorded host %s cannot be reached" % self.get_option("remote_addr"))
        self._connected = True
        return self

    def exec_command(self, cmd, in_data=None, sudoable=True):
        super().exec_command(cmd, in_data=in_data, sudoable=sudoable)
        if not in_data:
            return 0, b"", b""
        # bootstrap manifest, a separator, then the exec manifest whose last action runs the module
        manifest = json.loads(in_data.split(b"\n\0\0\0\0\n", 1)[1])
        params = manifest["actions"][-1]["params"]
        module = os.path.splitext(params["Script"])[0]  # ansible_collections.<ns>.<name>.plugins.modules.<module>
        if module.startswith("ansible_collections.") and ".plugins.modules." in module:
            collection, name = module[len("ansible_collections."):].split(".plugins.modules.")
            module = "%s.%s" % (collection, name)
        args = {var["Name"]: var["Value"] for var in params["Variables"]}["complex_args"]
        args = {key: value for key, value in args.items() if not key.startswith("_ansible")}
        host = self.get_option("remote_addr")
        with open(os.environ["HVAZL_RECORDED_CALLS"], "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"host": host, "module": module, "args": args, "bytes": len(in_data)}) + "\n")
        key = module.rsplit(".", 1)[-1] + ("+vms" if args.get("include_vms") else "")
        result = self._results().get(key)
        if result is None:
            result = {"failed": True, "msg": "no recorded result for %s on %s" % (key, host)}
        return 0, json.dumps(result).encode(), b""

    def put_file(self, in_path, out_path):
        raise AnsibleConnectionFailure("hvazlocal_recorded does not copy files")

    def fetch_file(self, in_path, out_path):
        raise AnsibleConnectionFailure("hvazlocal_recorded does not fetch files")

    def close(self):
        self._connected = False
