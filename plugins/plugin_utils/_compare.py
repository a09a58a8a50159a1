# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Compare any number of hosts field by field. PRIVATE to the collection.

The engine behind the compare_hosts filter, the identical test and the assert_identical action. Pure
functions: documents in, a JSON-ready result out. A host or field without a value is never equal to
anything (unless the caller opts out with allow_missing).

Cost is linear in hosts x fields: every field query is compiled once per call, plain dotted paths
(`kernel.hashes.sha256`) are read without the JMESPath interpreter, and values are grouped through a
hashable key built once per value.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping

try:
    import jmespath
    from jmespath.exceptions import JMESPathError
except ImportError:  # pragma: no cover - exercised only without jmespath installed
    jmespath = None
    JMESPathError = ValueError

from ._profiles import FIELD_KEYS, PROFILE_KEYS, get_profile, profile_names

IDENTITY = "identity"
IDENTITY_VAR = "hyperv_identity"
HOST_FACTS_VAR = "hyperv_host"
NORMALIZERS = ("ignore_case", "trim")
STATUSES = ("identical", "different", "missing", "expected_difference")
RESULT_KEYS = frozenset(("identical", "hosts", "missing_hosts", "fields", "differences", "summary"))

_SIMPLE_PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_DIGITS = re.compile(r"(\d+)")
# Tags that keep values of different JSON types apart in the grouping key (True == 1 in Python).
_BOOL, _LIST, _DICT, _SET, _OTHER = object(), object(), object(), object(), object()
_PLAIN = (str, int, float)


# ---------------------------------------------------------------------------------------------- fields

class Field:
    """One compared field: label, query, compiled getter, normalisation, expected difference."""

    __slots__ = ("label", "query", "description", "normalize", "expected", "get")

    def __init__(self, label, query, description=None, normalize=(), expected=False):
        self.label = label
        self.query = query
        self.description = description
        self.normalize = tuple(n for n in NORMALIZERS if n in normalize)
        self.expected = expected
        self.get = compile_query(query, label)


def _path_getter(keys):
    """Getter for a plain dotted path: the same answers as JMESPath for `a.b.c`, without its interpreter."""
    if len(keys) == 1:
        key = keys[0]

        def get_one(doc):
            try:
                return doc.get(key)
            except AttributeError:
                return None
        return get_one

    def get_path(doc):
        for key in keys:
            try:
                doc = doc.get(key)
            except AttributeError:
                return None
        return doc
    return get_path


def compile_query(query, label=None):
    """Compile a JMESPath query once; return a function document -> value (None when absent).

    Plain dotted paths need no jmespath library; anything else does. An invalid expression raises ValueError
    naming the field.
    """
    where = "field '%s'" % label if label is not None and label != query else "field"
    if not isinstance(query, str) or not query.strip():
        raise ValueError("%s: the query must be a non-empty JMESPath expression, got %r" % (where, query))
    if _SIMPLE_PATH.match(query):
        return _path_getter(tuple(query.split(".")))
    if jmespath is None:
        raise ValueError("%s: the jmespath Python library is required on the controller for the query '%s' "
                         "(pip install jmespath); plain dotted paths work without it" % (where, query))
    try:
        return jmespath.compile(query).search
    except JMESPathError as exc:
        raise ValueError("%s: invalid JMESPath expression '%s': %s" % (where, query, exc)) from None


def _as_list(value, option):
    """None -> [], str -> [str], list of str -> list; anything else is a TypeError naming the option."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(value)
    raise TypeError("%s: expected a string or a list of strings, got %r" % (option, value))


def _normalizers(value, option):
    """normalize option: bool (all or none), a name, or a list of names."""
    if value is None or value is False:
        return []
    if value is True:
        return list(NORMALIZERS)
    names = _as_list(value, option)
    unknown = [n for n in names if n not in NORMALIZERS]
    if unknown:
        raise ValueError("%s: unknown normalisation %s (choose from %s)"
                         % (option, ", ".join(repr(u) for u in unknown), ", ".join(NORMALIZERS)))
    return names


def _field_specs(fields, option):
    """The `fields` of the option or of a profile as [(label, {query, description, normalize})]."""
    if fields is None:
        return []
    if isinstance(fields, str):
        fields = [fields]
    if isinstance(fields, (list, tuple)):
        specs = []
        for item in fields:
            if not isinstance(item, str):
                raise TypeError("%s: a list of fields must hold JMESPath expressions (strings), got %r" % (option, item))
            specs.append((item, {"query": item}))
        return specs
    if isinstance(fields, Mapping):
        specs = []
        for label, spec in fields.items():
            if not isinstance(label, str):
                raise TypeError("%s: field labels must be strings, got %r" % (option, label))
            if isinstance(spec, str):
                spec = {"query": spec}
            elif isinstance(spec, Mapping):
                unknown = sorted(set(spec) - FIELD_KEYS)
                if unknown:
                    raise ValueError("%s: field '%s' has unknown keys %s (allowed: %s)"
                                     % (option, label, ", ".join(unknown), ", ".join(sorted(FIELD_KEYS))))
                if "query" not in spec:
                    raise ValueError("%s: field '%s' has no query" % (option, label))
            else:
                raise TypeError("%s: field '%s' must be a JMESPath expression or a dict with a query, got %r"
                                % (option, label, spec))
            specs.append((label, dict(spec)))
        return specs
    raise TypeError("%s: expected a JMESPath expression, a list of them or a dict label -> expression, got %s"
                    % (option, type(fields).__name__))


def _profiles(profile):
    """profile option -> [(name, profile dict)]; names are built-in profiles, dicts are the caller's own."""
    if profile is None:
        return []
    items = profile if isinstance(profile, (list, tuple)) else [profile]
    resolved = []
    for item in items:
        if isinstance(item, Mapping):
            unknown = sorted(set(item) - PROFILE_KEYS)
            if unknown:
                raise ValueError("profile: unknown keys %s in a custom profile (allowed: %s)"
                                 % (", ".join(unknown), ", ".join(sorted(PROFILE_KEYS))))
            if not item.get("fields"):
                raise ValueError("profile: a custom profile needs 'fields'")
            resolved.append(("custom", item))
        else:
            resolved.append((item, get_profile(item)))
    return resolved


def _match(patterns, labels, option):
    """Labels matched by shell-style patterns; a pattern that matches nothing is an error (typo guard)."""
    matched = set()
    for pattern in patterns:
        hits = fnmatch.filter(labels, pattern)
        if not hits:
            raise ValueError("%s: '%s' matches no field (fields: %s)" % (option, pattern, ", ".join(labels)))
        matched.update(hits)
    return matched


def build_fields(fields=None, profile=None, expect_different=None, ignore=None, normalize=None):
    """Resolve the field options into an ordered list of Field objects (profile fields first)."""
    specs = []
    expected = []
    names = []
    for name, prof in _profiles(profile):
        names.append(name)
        specs.extend(_field_specs(prof.get("fields"), "profile '%s'" % name))
        expected.extend(_as_list(prof.get("expect_different"), "profile '%s' expect_different" % name))
    specs.extend(_field_specs(fields, "fields"))
    if not specs:
        raise ValueError("compare_hosts: give 'fields' (JMESPath expressions) or a 'profile' (%s)"
                         % ", ".join(profile_names()))
    merged = {}
    for label, spec in specs:
        if label in merged and merged[label]["query"] != spec["query"]:
            raise ValueError("fields: the label '%s' is given twice with different queries ('%s' and '%s')"
                             % (label, merged[label]["query"], spec["query"]))
        merged.setdefault(label, spec)
    labels = list(merged)
    ignored = _match(_as_list(ignore, "ignore"), labels, "ignore")
    labels = [label for label in labels if label not in ignored]
    if not labels:
        raise ValueError("ignore: every field is ignored, nothing left to compare")
    expected_set = _match(_as_list(expect_different, "expect_different"), labels, "expect_different")
    # a profile may name fields the caller ignored: those simply are not compared
    expected_set.update(e for e in expected if e in labels)
    common = _normalizers(normalize, "normalize")
    result = []
    for label in labels:
        spec = merged[label]
        own = _normalizers(spec.get("normalize"), "field '%s' normalize" % label)
        result.append(Field(label, spec["query"], spec.get("description"), set(own) | set(common),
                            label in expected_set))
    return result, names


# ----------------------------------------------------------------------------------------- documents

def natural_key(name):
    """Sort key that puts node2 before node10; ties (node01/node1) fall back to the plain string."""
    parts = _DIGITS.split(name)
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts)), name


def _get_path(variables, path):
    value = variables
    for key in path.split("."):
        try:
            value = value.get(key)
        except AttributeError:
            return None
        if value is None:
            return None
    return value


def _var(variables, name):
    """A variable by dotted path, at top level first, then under ansible_facts."""
    value = _get_path(variables, name)
    if value is None:
        value = _get_path(variables, "ansible_facts." + name)
    return value


def _identity_document(host, variables, is_document):
    """(document, reason). Lookup order documented in the compare_hosts filter (option source)."""
    identity = _var(variables, IDENTITY_VAR)
    facts = _var(variables, HOST_FACTS_VAR)
    if identity is None and facts is not None:
        if not isinstance(facts, Mapping):
            raise TypeError("host '%s': %s is a %s, expected a dict of facts" % (host, HOST_FACTS_VAR, type(facts).__name__))
        from ._identity import host_identity  # written alongside; imported when first needed
        identity = host_identity(facts, host=host)
    if identity is None:
        if is_document:
            return variables, None
        return None, "no %s facts and no %s variable (unreachable, facts not gathered, or hyperv.azlocal.host_facts " \
                     "not run)" % (HOST_FACTS_VAR, IDENTITY_VAR)
    if not isinstance(identity, Mapping):
        raise TypeError("host '%s': %s is a %s, expected a dict" % (host, IDENTITY_VAR, type(identity).__name__))
    if facts is not None and HOST_FACTS_VAR not in identity:
        identity = dict(identity)
        identity[HOST_FACTS_VAR] = facts
    return identity, None


def collect_documents(data, hosts=None, source=IDENTITY):
    """Pick every host's document.

    data is hostvars (or any mapping host -> variables) with `hosts` naming the hosts to compare, or, without
    `hosts`, a mapping host -> document. Returns (documents {host: mapping}, missing {host: reason}).
    """
    if not isinstance(data, Mapping):
        raise TypeError("compare_hosts expects hostvars (with a list of hosts) or a dict host -> document, got %s"
                        % type(data).__name__)
    if source is None:
        source = IDENTITY
    if not isinstance(source, str) or not source.strip():
        raise TypeError("source: expected '%s' or a variable path such as ansible_facts.hyperv_guest, got %r"
                        % (IDENTITY, source))
    is_document = hosts is None
    if is_document:
        names = list(data)
    else:
        names = _as_list(hosts, "hosts")
    for name in names:
        if not isinstance(name, str):
            raise TypeError("host names must be strings, got %r" % (name,))
    documents, missing = {}, {}
    for host in sorted(set(names), key=natural_key):
        if not is_document and host not in data:
            missing[host] = "not in the inventory"
            continue
        variables = data[host]
        if variables is None:
            missing[host] = "no document"
            continue
        if not isinstance(variables, Mapping):
            raise TypeError("host '%s': expected a dict of %s, got %s"
                            % (host, "facts" if is_document else "host variables", type(variables).__name__))
        if source == IDENTITY:
            document, reason = _identity_document(host, variables, is_document)
        else:
            document = _var(variables, source)
            reason = "no value for source '%s'" % source
        if document is None:
            missing[host] = reason
            continue
        if not isinstance(document, Mapping):
            raise TypeError("host '%s': source '%s' is a %s, expected a dict" % (host, source, type(document).__name__))
        documents[host] = document
    return documents, missing


# ------------------------------------------------------------------------------------------ compare

def _norm_str(value, normalize):
    if "trim" in normalize:
        value = value.strip()
    if "ignore_case" in normalize:
        value = value.casefold()
    return value


def value_key(value, normalize=()):
    """A hashable key equal for equal JSON values (after normalisation), different across JSON types."""
    if isinstance(value, str):
        return _norm_str(value, normalize) if normalize else value
    if isinstance(value, bool):
        return (_BOOL, value)
    if isinstance(value, (int, float)):
        return value
    if value is None:
        return None
    if isinstance(value, Mapping):
        return (_DICT, frozenset((value_key(k), value_key(v, normalize)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return (_LIST, tuple(value_key(v, normalize) for v in value))
    if isinstance(value, (set, frozenset)):
        return (_SET, frozenset(value_key(v, normalize) for v in value))
    return (_OTHER, type(value).__name__, repr(value))


def _read(fields, hosts, documents):
    """Evaluate every field on every host, host by host (one document stays hot in the CPU cache).

    Returns per field: (values {host: value}, buckets {key: [hosts]}, missing [hosts], errors {host: message}).
    """
    state = [({}, {}, [], {}) for _ in fields]
    plan = [(field.get, field.normalize, state[i]) for i, field in enumerate(fields)]
    for host in hosts:
        document = documents[host]
        for get, normalize, (values, buckets, missing, errors) in plan:
            try:
                value = get(document)
            except JMESPathError as exc:  # a function applied to a value of the wrong type on this host
                errors[host] = str(exc)
                value = None
            if value is None:
                missing.append(host)
                continue
            values[host] = value
            key = value if (not normalize and type(value) in _PLAIN) else value_key(value, normalize)
            bucket = buckets.get(key)
            if bucket is None:
                buckets[key] = [host]
            else:
                bucket.append(host)
    return state


def _compare_field(field, read, hosts, rank, baseline, allow_missing):
    values, buckets, missing, errors = read
    normalize = field.normalize
    ordered = sorted(buckets.values(), key=lambda group: (-len(group), rank[group[0]]))
    groups = [{"value": values[group[0]], "hosts": group} for group in ordered]

    reference = None
    if baseline is not None:
        reference = next((g for g in groups if baseline in g["hosts"]), None)
    elif len(groups) == 1 or (len(groups) > 1 and len(groups[0]["hosts"]) > len(groups[1]["hosts"])):
        reference = groups[0]
    if reference is None:
        odd = [] if allow_missing else list(missing)
    else:
        inside = set(reference["hosts"])
        odd = [h for h in hosts if h not in inside and (h in values or not allow_missing)]

    same = len(groups) <= 1 and (allow_missing or not missing)
    if same:
        status = "identical"
    elif field.expected:
        status = "expected_difference"
    elif len(groups) <= 1:
        status = "missing"
    else:
        status = "different"
    entry = {
        "query": field.query,
        "identical": same,
        "status": status,
        "expected_difference": field.expected,
        "values": values,
        "groups": groups,
        "missing": missing,
        "reference": reference["value"] if reference is not None else None,
        "odd_hosts": odd if not same else [],
    }
    if field.description:
        entry["description"] = field.description
    if normalize:
        entry["normalize"] = list(normalize)
    if errors:
        entry["errors"] = errors
    return entry


def compare_documents(documents, fields, missing_hosts=None, baseline=None, allow_missing=False, profile=None):
    """Compare {host: document} on the given Field list; see compare_hosts for the result."""
    missing_hosts = dict(missing_hosts or {})
    hosts = sorted(documents, key=natural_key)
    if baseline is not None:
        if not isinstance(baseline, str):
            raise TypeError("baseline: expected a host name, got %r" % (baseline,))
        if baseline not in documents and baseline not in missing_hosts:
            raise ValueError("baseline: host '%s' is not among the compared hosts (%s)"
                             % (baseline, ", ".join(hosts + sorted(missing_hosts, key=natural_key)) or "none"))
    rank = {host: index for index, host in enumerate(hosts)}
    result_fields = {}
    differences, expected = [], []
    for field, read in zip(fields, _read(fields, hosts, documents)):
        entry = _compare_field(field, read, hosts, rank, baseline, allow_missing)
        result_fields[field.label] = entry
        if entry["status"] == "expected_difference":
            expected.append(field.label)
        elif not entry["identical"]:
            differences.append(field.label)
    missing_names = sorted(missing_hosts, key=natural_key)
    identical = bool(hosts) and not differences and (allow_missing or not missing_names)
    result = {
        "identical": identical,
        "hosts": hosts,
        "missing_hosts": missing_names,
        "missing_reasons": {h: missing_hosts[h] for h in missing_names},
        "fields": result_fields,
        "differences": differences,
        "expected_differences": expected,
        "profile": profile,
        "baseline": baseline,
        "allow_missing": bool(allow_missing),
    }
    result["summary"] = summarize(result)
    return result


def compare_hosts(data, hosts=None, fields=None, profile=None, source=None, expect_different=None, ignore=None,
                  baseline=None, normalize=None, allow_missing=False):
    """Compare hosts field by field.

    Result keys: identical, hosts, missing_hosts, missing_reasons, fields (label -> query, identical, status,
    expected_difference, values, groups [{value, hosts}] largest first, missing, reference, odd_hosts),
    differences, expected_differences, profile, baseline, allow_missing, summary.
    """
    if not isinstance(allow_missing, bool):
        raise TypeError("allow_missing: expected a boolean, got %r" % (allow_missing,))
    field_list, names = build_fields(fields, profile, expect_different, ignore, normalize)
    documents, missing = collect_documents(data, hosts, source)
    profile_name = None
    if names:
        profile_name = names[0] if len(names) == 1 else names
    return compare_documents(documents, field_list, missing, baseline, allow_missing, profile_name)


def is_comparison(value):
    """True when value is a compare_hosts result (so tests and reports can take one directly)."""
    return isinstance(value, Mapping) and RESULT_KEYS.issubset(value) and isinstance(value.get("fields"), Mapping)


# ------------------------------------------------------------------------------------------ summary

def _names(items, limit=5):
    items = list(items)
    shown = ", ".join(str(i) for i in items[:limit])
    return shown + (" and %d more" % (len(items) - limit) if len(items) > limit else "")


def describe_field(label, entry):
    """A few words on one differing field: who is odd, or how the hosts split."""
    groups, odd, missing = entry["groups"], entry["odd_hosts"], entry["missing"]
    if entry["status"] == "missing" or not groups:
        return "%s (missing on %s)" % (label, _names(missing))
    present = [h for h in odd if h not in missing]
    if entry["reference"] is not None and present:
        text = "%s (%s differ%s)" % (label, _names(present), "s" if len(present) == 1 else "")
    else:
        text = "%s (split %s)" % (label, "/".join(str(len(g["hosts"])) for g in groups))
    if missing:
        text = text[:-1] + "; missing on %s)" % _names(missing)
    return text


def summarize(result):
    """One readable line for a comparison result."""
    hosts, fields = result["hosts"], result["fields"]
    missing = result["missing_hosts"]
    parts = []
    if not hosts:
        parts.append("NOT IDENTICAL: no host to compare")
    elif result["identical"]:
        parts.append("IDENTICAL: %d host%s agree on %d field%s"
                     % (len(hosts), "" if len(hosts) == 1 else "s", len(fields), "" if len(fields) == 1 else "s"))
    else:
        diffs = result["differences"]
        if diffs:
            parts.append("NOT IDENTICAL: %d of %d field%s differ across %d host%s: %s"
                         % (len(diffs), len(fields), "" if len(fields) == 1 else "s", len(hosts),
                            "" if len(hosts) == 1 else "s",
                            ", ".join(describe_field(d, fields[d]) for d in diffs[:5])
                            + (" and %d more" % (len(diffs) - 5) if len(diffs) > 5 else "")))
        else:
            parts.append("NOT IDENTICAL: %d host%s agree on %d field%s"
                         % (len(hosts), "" if len(hosts) == 1 else "s", len(fields), "" if len(fields) == 1 else "s"))
    expected = result["expected_differences"]
    if expected:
        parts.append("Expected differences: %s" % _names(expected))
    if missing:
        parts.append("%s: %s" % ("Missing hosts (allowed)" if result["allow_missing"] else "Missing hosts",
                                 _names(missing)))
    return ". ".join(parts) + "."
