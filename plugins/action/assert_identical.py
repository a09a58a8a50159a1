# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action for hyperv.azlocal.assert_identical: runs on the controller only, over hostvars."""

from __future__ import annotations

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

from ansible_collections.hyperv.azlocal.plugins.modules.assert_identical import DOCUMENTATION as MODULE_DOCUMENTATION
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._compare import compare_hosts
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._docspec import argument_spec
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._report import render_text

# Every option is declared once, in the module's DOCUMENTATION.
ARGUMENT_SPEC = argument_spec(MODULE_DOCUMENTATION, where="hyperv.azlocal.assert_identical")


class ActionModule(ActionBase):
    """Compare hosts and fail, with a table of what differs, unless they are identical."""

    _requires_connection = False
    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super().run(tmp, task_vars)
        del tmp
        _validation, args = self.validate_argument_spec(
            argument_spec=ARGUMENT_SPEC, mutually_exclusive=[["hosts", "documents"]])
        if args["documents"] is not None:
            data, hosts = args["documents"], None
        else:
            data = task_vars.get("hostvars")
            hosts = args["hosts"] if args["hosts"] is not None else task_vars.get("ansible_play_hosts_all")
            if data is None or hosts is None:
                raise AnsibleActionFail("assert_identical: no hostvars or play hosts available; give 'hosts' and run "
                                        "it in a play, or give 'documents'")
        try:
            comparison = compare_hosts(
                data, hosts=hosts, fields=args["fields"], profile=args["profile"], source=args["source"],
                expect_different=args["expect_different"], ignore=args["ignore"], baseline=args["baseline"],
                normalize=args["normalize"], allow_missing=args["allow_missing"])
        except (TypeError, ValueError) as exc:
            raise AnsibleActionFail("assert_identical: %s" % exc) from exc

        table = render_text(comparison, only_differences=True, max_value=args["max_value"], max_hosts=args["max_hosts"])
        result.update(comparison)
        result["changed"] = False
        result["table"] = table.splitlines()
        if not args["quiet"]:
            # like ansible.builtin.assert: show the result (and its table, one line per row) without -v
            result["_ansible_verbose_always"] = True
        if comparison["identical"]:
            result["msg"] = args["success_msg"] or comparison["summary"]
        else:
            result["failed"] = True
            result["msg"] = (args["fail_msg"] + "\n" if args["fail_msg"] else "") + table
        return result
