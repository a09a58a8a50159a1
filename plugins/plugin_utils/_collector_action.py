# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The action plugin shared by collectors whose raw observations are interpreted on the controller. PRIVATE.

A subclass names its module (FQCN) and the module's DOCUMENTATION (MODULE_DOCUMENTATION), lists the options only
the controller uses (CONTROLLER_OPTIONS: validated with ArgumentSpecValidator against a spec derived from that
documentation, and not sent to the host) and implements interpret(). The collector returns its observations
under ``_raw``; the task returns the interpretation instead, next to the collector's
``errors`` and ``durations``.
"""

from __future__ import annotations

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.action import ActionBase

from ._docspec import argument_spec


class CollectorAction(ActionBase):
    """Run a read-only collector and replace its ``_raw`` observations with their interpretation."""

    MODULE = ""
    MODULE_DOCUMENTATION = ""  # the module's DOCUMENTATION, where every option is declared
    CONTROLLER_OPTIONS: tuple = ()
    _supports_check_mode = True  # the collectors only read
    _supports_async = False

    def interpret(self, raw, module_result, options, host):
        """Return the keys to add to the task result. Raise KeyError/TypeError/ValueError on bad data."""
        raise NotImplementedError

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super().run(tmp, task_vars)
        del tmp
        host = task_vars.get("inventory_hostname")
        args = dict(self._task.args)
        spec = argument_spec(self.MODULE_DOCUMENTATION, self.CONTROLLER_OPTIONS, where=self.MODULE)
        validation = ArgumentSpecValidator(spec).validate({key: value for key, value in args.items() if key in spec})
        if validation.error_messages:
            raise AnsibleActionFail("%s: %s" % (self.MODULE, "; ".join(validation.error_messages)))
        # The collector's Ansible.Basic spec also lists these options (validate-modules compares it with the
        # documentation), but they are never sent: the host has no use for them.
        module_args = {key: value for key, value in args.items() if key not in spec}
        module_result = self._execute_module(module_name=self.MODULE, module_args=module_args, task_vars=task_vars)
        result.update(module_result)
        if module_result.get("failed") or module_result.get("skipped"):
            return result
        raw = result.pop("_raw", None)
        if raw is None:
            raise AnsibleActionFail("%s returned no _raw data%s; is the collection on the controller the same version "
                                    "as the module that ran?" % (self.MODULE, " on %s" % host if host else ""))
        try:
            result.update(self.interpret(raw, result, validation.validated_parameters, host))
        except (KeyError, TypeError, ValueError) as exc:
            raise AnsibleActionFail("Unexpected data from the %s collector%s: %s" % (self.MODULE, " on %s" % host if host else "", exc)) from exc
        result["changed"] = False
        return result
