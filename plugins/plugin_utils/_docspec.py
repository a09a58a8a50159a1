# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Argument specs derived from a plugin's DOCUMENTATION. PRIVATE to the collection.

An option is declared once, in the DOCUMENTATION that ansible-doc shows; an action plugin validates the options it
handles itself with a spec derived from there (as ansible.utils does with AnsibleArgSpecValidator and
schema_format="doc"), so the documentation and the validation cannot drift apart.
"""

from __future__ import annotations

import yaml

# The keys of a documented option that are also keys of an argument spec (suboptions become options).
OPTION_KEYS = ("type", "elements", "choices", "default", "required", "aliases", "no_log")


def _option_spec(name, option, where):
    if not isinstance(option, dict):
        raise ValueError("%s: option %r is documented as %r, expected a mapping" % (where, name, option))
    spec = {key: option[key] for key in OPTION_KEYS if key in option}
    spec.setdefault("type", "str")  # the documented default type, and ArgumentSpecValidator's
    if "suboptions" in option:
        spec["options"] = {sub: _option_spec(sub, value, "%s.%s" % (where, name))
                           for sub, value in (option["suboptions"] or {}).items()}
    return spec


def argument_spec(documentation, names=None, where="DOCUMENTATION"):
    """The argument spec of the documented options (all, or those in names, which must all be documented).

    documentation: the DOCUMENTATION text (YAML) or its parsed mapping. Options of doc fragments are not included:
    the options an action plugin validates are the module's own.
    """
    doc = yaml.safe_load(documentation) if isinstance(documentation, str) else documentation
    options = (doc or {}).get("options") or {}
    if names is not None:
        missing = sorted(set(names) - set(options))
        if missing:
            raise ValueError("%s documents no option %s" % (where, ", ".join(repr(n) for n in missing)))
        options = {name: options[name] for name in names}
    return {name: _option_spec(name, option, where) for name, option in options.items()}
