# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Compare any number of hosts field by field. PRIVATE to the collection.

The engine behind the compare_hosts filter, the identical test and the assert_identical action. Pure
functions: documents in, a JSON-ready result out. A host or field without a value is never equal to
anything (unless the caller opts out with allow_missing).

Cost is linear in hosts x fields, and no two hosts are ever compared with each other: every field query
is compiled once per call; plain dotted paths (`kernel.hashes.sha256`) are read column by column without the
JMESPath interpreter, one C-level pass per key with each parent section read once (_Columns); a column is then
grouped with C-level counting, and only values Python would confuse (True == 1) or nested containers take the
exact path through value_key.
"""

from __future__ import annotations

# Exact type checks are deliberate here: in JSON a boolean is not a number (bool subclasses int in Python), and
# plain dicts take the C-level fast paths while other mappings (lazy templating views) take the generic one.
# pylint: disable=unidiomatic-typecheck

import fnmatch
import math
import re
from collections import Counter
from collections.abc import Mapping
from itertools import compress, repeat
from operator import eq

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
# Keys only raw hyperv.azlocal.host_facts output has; sources of parse_ver / parse_systeminfo output.
_RAW_FACTS_KEYS = ("os_registry", "os_cim")
_TEXT_SOURCES = ("ver", "systeminfo", "computerinfo", "win32_operatingsystem")
# A document with none of these keys is compared as it is (see _identity_document).
_INTERPRETED = frozenset(("ansible_facts", IDENTITY_VAR, HOST_FACTS_VAR, "source") + _RAW_FACTS_KEYS)
_KEYS_DISJOINT = type({}.keys()).isdisjoint
RESULT_KEYS = frozenset(("identical", "hosts", "missing_hosts", "fields", "differences", "summary"))

_SIMPLE_PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_DIGITS = re.compile(r"(\d+)")
_DIGIT_SHAPE = bytes.maketrans(b"0123456789", b"0000000000")
_FEW_GROUPS = 8
# Tags that keep values of different JSON types apart in the grouping key (True == 1 in Python).
_BOOL, _LIST, _DICT, _SET, _OTHER = object(), object(), object(), object(), object()
_EMPTY = {}  # read-only stand-in for an absent section


# ---------------------------------------------------------------------------------------------- fields

class Field:
    """One compared field: label, query, compiled getter, normalisation, expected difference."""

    __slots__ = ("label", "query", "description", "normalize", "expected", "get", "path")

    def __init__(self, label, query, description=None, normalize=(), expected=False):
        self.label = label
        self.query = query
        self.description = description
        self.normalize = tuple(n for n in NORMALIZERS if n in normalize)
        self.expected = expected
        self.get = compile_query(query, label)
        # a plain dotted path is read column by column (see _Columns); anything else through JMESPath
        self.path = tuple(query.split(".")) if _SIMPLE_PATH.match(query) else None


def _field(value, key):
    """JMESPath field access on any value: a mapping's key, else None (lists, strings, numbers, null)."""
    if type(value) is dict:
        return value.get(key)
    if value is None:
        return None
    try:
        return value.get(key)
    except AttributeError:
        return None


def _path_getter(keys):
    """Getter for a plain dotted path: the same answers as JMESPath for `a.b.c`, without its interpreter."""

    def get_path(doc):
        for key in keys:
            doc = _field(doc, key)
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
        own_specs = _field_specs(prof.get("fields"), "profile '%s'" % name)
        own_expected = _as_list(prof.get("expect_different"), "profile '%s' expect_different" % name)
        unknown = [e for e in own_expected if e not in dict(own_specs)]
        if unknown:
            raise ValueError("profile '%s' expect_different: %s %s not among its fields"
                             % (name, ", ".join(unknown), "is" if len(unknown) == 1 else "are"))
        specs.extend(own_specs)
        expected.extend(own_expected)
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

def natural_order(names):
    """names sorted naturally (node2 before node10), with plain sorting when that is the same thing.

    Names of one shape (digit runs at the same places and of the same lengths, e.g. node001..node999) sort the
    same either way, and plain sorting is far cheaper.
    """
    names = list(names)
    if len(set(name.encode("utf-8", "surrogatepass").translate(_DIGIT_SHAPE) for name in names)) <= 1:
        return sorted(names)
    return sorted(names, key=natural_key)


def natural_key(name):
    """Sort key that puts node2 before node10; ties (node01/node1) fall back to the plain string."""
    parts = _DIGITS.split(name)
    parts[1::2] = map(int, parts[1::2])
    return parts, name


def _get_path(variables, keys):
    value = variables
    for key in keys:
        value = _field(value, key)
        if value is None:
            return None
    return value


def _var_paths(name):
    """Where a variable is looked up: at top level first, then under ansible_facts."""
    keys = tuple(name.split("."))
    return keys, ("ansible_facts",) + keys


def _var(variables, paths):
    value = _get_path(variables, paths[0])
    if value is None:
        value = _get_path(variables, paths[1])
    return value


def _observations(document):
    """True for raw observations host_identity interprets: hyperv_host facts, or parse_ver/parse_systeminfo output.

    An identity (it has platform and lineage) is already interpreted, whatever its source says.
    """
    if "platform" in document and "lineage" in document:
        return False
    return any(key in document for key in _RAW_FACTS_KEYS) or document.get("source") in _TEXT_SOURCES


def _interpret(facts, host):
    from ._identity import host_identity  # imported when first needed

    return host_identity(facts, host=host)


def _identity_document(host, variables, is_document):
    """(document, reason). Lookup order documented in the compare_hosts filter (option source)."""
    if is_document and isinstance(variables, list):  # several text documents of one host (systeminfo + ver)
        return _interpret(variables, host), None
    get = variables.get
    namespace = get("ansible_facts")
    identity = get(IDENTITY_VAR)
    facts = None
    if namespace is not None:
        if identity is None:
            identity = _field(namespace, IDENTITY_VAR)
        facts = _field(namespace, HOST_FACTS_VAR)
    if facts is None:
        facts = get(HOST_FACTS_VAR)
    if identity is None and facts is not None:
        if type(facts) is not dict and not isinstance(facts, Mapping):
            raise TypeError("host '%s': %s is a %s, expected a dict of facts" % (host, HOST_FACTS_VAR, type(facts).__name__))
        identity = _interpret(facts, host)
    if identity is None:
        if not is_document:
            return None, "no %s facts and no %s variable (unreachable, facts not gathered, or " \
                         "hyperv.azlocal.host_facts not run)" % (HOST_FACTS_VAR, IDENTITY_VAR)
        if not _observations(variables):
            return variables, None
        facts = variables
        identity = _interpret(facts, host)
    if type(identity) is not dict and not isinstance(identity, Mapping):
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
    paths = _var_paths(source) if source != IDENTITY else None
    order = natural_order(set(names))
    if is_document and source == IDENTITY:
        given = list(map(data.__getitem__, order))
        if set(map(type, given)) == {dict} and all(map(_KEYS_DISJOINT, map(dict.keys, given), repeat(_INTERPRETED))):
            return dict(zip(order, given)), {}  # documents as they are: nothing to interpret or look up
    documents, missing = {}, {}
    for host in order:
        if not is_document and host not in data:
            missing[host] = "not in the inventory"
            continue
        variables = data[host]
        if variables is None:
            missing[host] = "no document"
            continue
        if type(variables) is not dict and not isinstance(variables, Mapping) \
                and not (is_document and source == IDENTITY and isinstance(variables, list)):
            raise TypeError("host '%s': expected a dict of %s, got %s"
                            % (host, "facts" if is_document else "host variables", type(variables).__name__))
        if source == IDENTITY:
            if is_document and type(variables) is dict and "platform" in variables and "lineage" in variables \
                    and IDENTITY_VAR not in variables and HOST_FACTS_VAR not in variables \
                    and "ansible_facts" not in variables:
                documents[host] = variables  # an identity already (the common case of precomputed documents)
                continue
            document, reason = _identity_document(host, variables, is_document)
        else:
            document = _var(variables, paths)
            reason = "no value for source '%s'" % source
        if document is None:
            missing[host] = reason
            continue
        if type(document) is not dict and not isinstance(document, Mapping):
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


class _Columns:
    """Columns of plain dotted paths over the documents: {path: values in host order}, computed on demand.

    A parent column (kernel, kernel.hashes) is computed once and kept for every field below it; a field's own
    column is computed when the field is compared and dropped after it, so one leaf column is alive at a time.
    Reading one key from a column of dicts (absent sections read as empty) is a single C-level pass of dict.get,
    which gives None for an absent key as JMESPath does; any other value takes the generic field access.
    """

    __slots__ = ("_columns", "_sources")

    def __init__(self, documents):
        self._columns = {(): documents}
        self._sources = {}

    def _source(self, path):
        """The column at path prepared for key reads: a list of dicts, or None when it holds other values."""
        if path in self._sources:
            return self._sources[path]
        column = self._columns.get(path)
        if column is None:
            column = self._columns[path] = self.read(path)
        kinds = set(map(type, column))
        source = None
        if kinds <= {dict}:
            source = column
        elif kinds <= {dict, type(None)}:
            source = [_EMPTY if value is None else value for value in column]
        self._sources[path] = source
        return source

    def read(self, path):
        """The values of one plain dotted path (a tuple of keys), in host order."""
        parent = path[:-1]
        source = self._source(parent)
        key = path[-1]
        if source is not None:
            return list(map(dict.get, source, repeat(key)))
        return [_field(value, key) for value in self._columns[parent]]


def _search_column(get, documents, hosts, errors):
    column = []
    for host, document in zip(hosts, documents):
        try:
            column.append(get(document))
        except JMESPathError as exc:  # a function applied to a value of the wrong type on this host
            errors[host] = str(exc)
            column.append(None)
    return column


def _tagged(column, normalize=()):
    keys = [value_key(v, normalize) for v in column]
    return keys, Counter(keys)


def _may_merge_bools(counts):
    """True when a distinct key could stand for both a boolean and a number."""
    return any(_bool_like(item) for key in counts for item in (key if type(key) is tuple else (key,)))


def _mixes_bools(column):
    kinds = set(map(type, column))
    if list in kinds:
        kinds.update(type(item) for value in column if type(value) is list for item in value)
    return bool in kinds and (int in kinds or float in kinds)


def _keys(column, normalize):
    """(grouping keys, Counter of keys) for a column; None keys are the missing values.

    Strings, numbers, booleans and flat lists are counted in C (collections.Counter); a boolean next to a number,
    nested containers and normalised strings take the exact path through value_key.
    """
    if normalize:
        if normalize == ("ignore_case",):  # hashes: the common case, without a call per value
            keys = [v.casefold() if type(v) is str else value_key(v, normalize) for v in column]
        else:
            keys = [_norm_str(v, normalize) if type(v) is str else value_key(v, normalize) for v in column]
        return keys, Counter(keys)
    keys = column
    try:
        counts = Counter(keys)
    except TypeError:  # lists (or dicts)
        keys = [tuple(v) if type(v) is list else v for v in column]
        try:
            counts = Counter(keys)
        except TypeError:  # dicts, or lists of containers
            return _tagged(column)
    if _may_merge_bools(counts) and _mixes_bools(column):
        return _tagged(column)
    return keys, counts


def _bool_like(value):
    """A value Python may take for a boolean: True == 1 == 1.0 and False == 0, but not in JSON."""
    return type(value) is bool or (type(value) in (int, float) and value in (0, 1))


def _uniform(column):
    """True when every value of a non-empty column is the same JSON value as the first (no null among them)."""
    first = column[0]
    if first is None or column.count(first) != len(column):
        return False
    kind = type(first)
    if kind is str:
        return True  # a string equals only strings
    if kind in (int, float, bool):
        return not _bool_like(first) or not _mixes_bools(column)
    if kind is list and all(type(item) in (str, int, float, bool) for item in first):
        return not any(_bool_like(item) for item in first) or not _mixes_bools(column)
    return False  # dicts, nested lists and the rest: the exact path decides


def _group(column, hosts, rank, normalize):
    """(values {host: value}, groups [[hosts]], missing [hosts]) of one column.

    rank is {host: position}: a dict of the hosts that dict.fromkeys copies without hashing again.
    """
    if column and _uniform(column):  # the common case: every host agrees
        if type(column[0]) in (str, bool):  # equal strings and booleans cannot be told apart: share the first
            return dict.fromkeys(rank, column[0]), [list(hosts)], []
        values = dict.fromkeys(rank)
        values.update(zip(hosts, column))
        return values, [list(hosts)], []
    keys, counts = _keys(column, normalize)
    if counts.pop(None, 0):
        values = {h: v for h, v in zip(hosts, column) if v is not None}
        missing = [h for h, v in zip(hosts, column) if v is None]
    else:
        values = dict.fromkeys(rank)
        values.update(zip(hosts, column))
        missing = []
    if len(counts) <= 1:
        return values, [list(values)] if values else [], missing
    if len(counts) <= _FEW_GROUPS and not any(isinstance(key, float) and math.isnan(key) for key in counts):
        # one C-level pass per distinct value beats a Python loop over every host
        return values, [list(compress(hosts, map(eq, keys, repeat(key)))) for key in counts], missing
    buckets = {}
    for host, key in zip(hosts, keys):
        if key is None:
            continue
        bucket = buckets.get(key)
        if bucket is None:
            buckets[key] = [host]
        else:
            bucket.append(host)
    return values, list(buckets.values()), missing


def _compare_field(field, documents, columns, hosts, rank, baseline, allow_missing):
    errors = {}
    if field.path is not None:
        column = columns.read(field.path)
    else:
        column = _search_column(field.get, documents, hosts, errors)
    normalize = field.normalize
    values, buckets, missing = _group(column, hosts, rank, normalize)
    ordered = sorted(buckets, key=lambda group: (-len(group), rank[group[0]]))
    groups = [{"value": values[group[0]], "hosts": group} for group in ordered]

    reference = None
    if baseline is not None:
        reference = next((g for g in groups if baseline in g["hosts"]), None)
    elif len(groups) == 1 or (len(groups) > 1 and len(groups[0]["hosts"]) > len(groups[1]["hosts"])):
        reference = groups[0]
    same = len(groups) <= 1 and (allow_missing or not missing)
    odd = [] if same or allow_missing else list(missing)
    if not same and reference is not None:
        inside = reference["hosts"]
        if len(hosts) - len(inside) > len(hosts) // 8:  # many odd hosts: one ordered pass beats sorting them
            inside = set(inside)
            odd = [h for h in hosts if h not in inside and (h in values or not allow_missing)]
        else:
            odd.extend(h for group in groups if group is not reference for h in group["hosts"])
            odd.sort(key=rank.__getitem__)
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
        "odd_hosts": odd,
    }
    if field.description:
        entry["description"] = field.description
    if normalize:
        entry["normalize"] = list(normalize)
    if errors:
        entry["errors"] = errors
    return entry


def compare_documents(documents, fields, missing_hosts=None, baseline=None, allow_missing=False, profile=None,
                      ordered=False):
    """Compare {host: document} on the given Field list; see compare_hosts for the result.

    ordered=True says the documents are already in natural host order (as collect_documents returns them).
    """
    missing_hosts = dict(missing_hosts or {})
    hosts = list(documents) if ordered else natural_order(documents)
    if baseline is not None:
        if not isinstance(baseline, str):
            raise TypeError("baseline: expected a host name, got %r" % (baseline,))
        if baseline not in documents and baseline not in missing_hosts:
            raise ValueError("baseline: host '%s' is not among the compared hosts (%s)"
                             % (baseline, ", ".join(hosts + natural_order(missing_hosts)) or "none"))
    rank = {host: index for index, host in enumerate(hosts)}
    result_fields = {}
    differences, expected = [], []
    docs = [documents[host] for host in hosts]
    columns = _Columns(docs)
    for field in fields:
        entry = _compare_field(field, docs, columns, hosts, rank, baseline, allow_missing)
        result_fields[field.label] = entry
        if entry["status"] == "expected_difference":
            expected.append(field.label)
        elif not entry["identical"]:
            differences.append(field.label)
    missing_names = natural_order(missing_hosts)
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
    return compare_documents(documents, field_list, missing, baseline, allow_missing, profile_name, ordered=True)


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
