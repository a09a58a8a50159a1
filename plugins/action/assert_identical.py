# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action for hyperv.azlocal.assert_identical: runs on the controller only, over hostvars."""

from __future__ import annotations

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

from ansible_collections.hyperv.azlocal.plugins.modules.assert_identical import DOCUMENTATION as MODULE_DOCUMENTATION
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._compare import compare_hosts, is_comparison
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._docspec import argument_spec
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._report import render_text

# Every option is declared once, in the module's DOCUMENTATION.
ARGUMENT_SPEC = argument_spec(MODULE_DOCUMENTATION, where="hyperv.azlocal.assert_identical")
# Options that say how to compute a comparison: meaningless next to a comparison already computed.
COMPARE_OPTIONS = ("fields", "profile", "source", "expect_different", "ignore", "baseline", "normalize", "allow_missing")


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
            argument_spec=ARGUMENT_SPEC, mutually_exclusive=[["hosts", "documents", "comparison"]])
        if args["comparison"] is not None:
            comparison = self._given(args)
        else:
            comparison = self._compare(args, task_vars)

        table = render_text(comparison, only_differences=True, max_value=args["max_value"], max_hosts=args["max_hosts"],
                            notice=args["notice"])
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

    def _given(self, args):
        """The comparison option: a compare_hosts result, asserted as it is (one verdict for assertion and reports)."""
        given = sorted(name for name in COMPARE_OPTIONS if name in self._task.args)
        if given:
            raise AnsibleActionFail("assert_identical: comparison is a result already computed; %s cannot change it "
                                    "(give them to hyperv.azlocal.compare_hosts instead)" % ", ".join(given))
        if not is_comparison(args["comparison"]):
            raise AnsibleActionFail("assert_identical: comparison must be the result of hyperv.azlocal.compare_hosts "
                                    "(a dict with identical, hosts, missing_hosts, fields, differences and summary)")
        return args["comparison"]

    def _compare(self, args, task_vars):
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
        return comparison
