# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Compare any number of hosts field by field. PRIVATE to the collection.

The engine behind the compare_hosts filter, the identical test, the assert_identical action and the compare
role. Pure functions: documents in, a JSON-ready result out.

What "identical" means (the one place it is decided):

* A field is ``identical`` when at least two hosts have a value, all values agree (after normalisation), and no
  compared host lacks one (unless allow_missing). A field no compared host has is ``no_data``; a field some hosts
  lack is ``missing``; a field with two or more values is ``different`` (``expected_difference`` when the field
  may differ, which also covers values that some hosts lack); a field of a lone host is ``single_host``.
* A comparison is identical when at least two hosts have data, every field is identical or an expected
  difference, and no host is missing (unless allow_missing). So no data, one host's data or stale data is never
  agreement.
* Field expressions see plain JSON types (Ansible's tagged strings, numbers, lists and dicts are converted), and
  an expression that fails on a host is an error naming the field, the expression and the host.
* Freshness: the hyperv.azlocal.facts role leaves ``hyperv_facts_status`` on every host it ran on. When it could
  not refresh a document (unreachable, failed), the cached one is used only if the role was given a max_age and
  the document's ``collected_at`` is recent enough; otherwise the host is missing with the reason. A precomputed
  ``hyperv_identity`` is used only when it was made from the raw facts next to it (same ``collected_at``).

Cost is linear in hosts x fields and no two hosts are ever compared with each other. There is one evaluation
path: each field's values are read into a column (a plain dotted path one C-level dict.get pass per key, each
parent section read once - _Columns; any other expression through JMESPath on plain documents), then grouped
with one dict pass keyed by the JSON value. Strings and numbers are their own keys; value_key tells apart what
Python's equality merges (True == 1) and normalises, and keys a flat list without a call per item. A column whose
hosts all hold one value skips the pass (one C-level list.count). bench/bench_compare.py (section 6) measures
what each of these buys.
"""

from __future__ import annotations

# Exact type checks are deliberate here: in JSON a boolean is not a number (bool subclasses int in Python), and
# Ansible's tagged values subclass the plain types they stand for.
# pylint: disable=unidiomatic-typecheck

import datetime
import fnmatch
import re
from collections.abc import Mapping
from itertools import repeat

try:
    import jmespath
    from jmespath.exceptions import JMESPathError, JMESPathTypeError
except ImportError:  # pragma: no cover - exercised only without jmespath installed
    jmespath = None
    JMESPathError = JMESPathTypeError = ValueError

from ._profiles import FIELD_KEYS, PROFILE_KEYS, get_profile, profile_names
from ._text import visible

IDENTITY = "identity"
IDENTITY_VAR = "hyperv_identity"
HOST_FACTS_VAR = "hyperv_host"
STATUS_VAR = "hyperv_facts_status"
NORMALIZERS = ("ignore_case", "trim")
# Field statuses; a field passes when its status is one of PASSING.
STATUSES = ("identical", "different", "expected_difference", "missing", "no_data", "single_host")
PASSING = frozenset(("identical", "expected_difference"))
# Keys only raw hyperv.azlocal.host_facts output has; sources of parse_ver / parse_systeminfo output.
_RAW_FACTS_KEYS = ("os_registry", "os_cim")
_TEXT_SOURCES = ("ver", "systeminfo", "computerinfo", "win32_operatingsystem")
RESULT_KEYS = frozenset(("identical", "hosts", "missing_hosts", "fields", "differences", "summary"))
# Every key of a comparison, in the order compare_hosts returns them; what a task result adds around one (the msg and
# table of assert_identical, Ansible's changed and failed) is not part of it.
COMPARISON_KEYS = ("identical", "hosts", "missing_hosts", "missing_reasons", "fields", "differences",
                   "expected_differences", "profile", "baseline", "allow_missing", "compared_at", "observed_at", "notes",
                   "probe_errors", "summary")

_SIMPLE_PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_DIGITS = re.compile(r"(\d+)")
_DIGIT_SHAPE = bytes.maketrans(b"0123456789", b"0000000000")
_TIME = re.compile(r"^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]00:?00)$")
_SCALARS = frozenset((str, int, float, bool, type(None)))
_UNAMBIGUOUS = frozenset((str, int, float, type(None)))  # values whose Python equality is JSON's (no booleans)
_JSON_TYPES = _SCALARS | {list, dict}
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


# ---------------------------------------------------------------------------------------------- values

def plain(value):
    """value as plain JSON types: Ansible's tagged str/int/float/list/dict and any Mapping or tuple converted.

    JMESPath functions and the comparison then see what JSON would: abs(x), length(l) and starts_with(s, 'a') work
    on values from inventories, vars:, facts and set_fact as on literals. Anything else is returned as it is.
    """
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list and set(map(type, value)) <= _SCALARS:
        return value  # already plain: no copy
    if kind is dict and set(map(type, value.values())) <= _SCALARS and set(map(type, value)) <= {str}:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, int):  # bool cannot be subclassed: a bool returned above
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, Mapping):
        return {plain(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return frozenset(plain(item) for item in value)
    return value


def utc_now():
    """The current time as UTC ISO 8601 text ending in Z, to the second."""
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text, what):
    """An ISO 8601 UTC time (Z or +00:00, any number of fractional digits) as an aware datetime.

    what names the value in the error (a host's collected_at, compared_at).
    """
    match = _TIME.match(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError("%s: expected an ISO 8601 UTC time such as 2026-11-30T10:41:07.1234567Z, got %r" % (what, text))
    year, month, day, hour, minute, second, fraction, _zone = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    try:
        return datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), micro,
                                 tzinfo=datetime.timezone.utc)
    except ValueError as exc:
        raise ValueError("%s: %r is not a valid time: %s" % (what, text, exc)) from None


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


def _not_gathered(variables):
    """Why a host's variables hold no hyperv_host facts, from what Ansible's own facts tell."""
    facts = _field(variables, "ansible_facts")
    family = _field(facts, "os_family") or _field(variables, "ansible_os_family")
    if isinstance(family, str) and family and family.lower() != "windows":
        return "not a Windows host (os_family %s): hyperv.azlocal.host_facts does not run there" % family
    if _field(facts, "hyperv_guest") is not None:
        return "no hyperv_host facts, only guest facts (hyperv_guest): not a Windows host, or " \
               "hyperv.azlocal.host_facts was not run on it"
    return "no hyperv_host facts: hyperv.azlocal.host_facts was not run on this host, or did not reach it"


def _identity_document(host, variables, is_document):
    """(document, reason). Lookup order documented in the compare_hosts filter (option source).

    The freshest source wins: a precomputed identity is used only when it was made from the raw facts next to it
    (the same collected_at); otherwise the raw facts are interpreted again.
    """
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
    if facts is not None and type(facts) is not dict and not isinstance(facts, Mapping):
        raise TypeError("host '%s': %s is a %s, expected a dict of facts" % (host, HOST_FACTS_VAR, type(facts).__name__))
    if identity is not None and type(identity) is not dict and not isinstance(identity, Mapping):
        raise TypeError("host '%s': %s is a %s, expected a dict" % (host, IDENTITY_VAR, type(identity).__name__))
    if identity is not None and facts is not None:
        made_at = identity.get("collected_at")
        if made_at is None or made_at != facts.get("collected_at"):
            identity = None  # made from other (older) facts, or cannot tell: interpret the facts at hand
    if identity is None and facts is not None:
        identity = _interpret(facts, host)
    if identity is None:
        if not is_document:
            return None, _not_gathered(variables)
        if not _observations(variables):
            return variables, None
        facts = variables
        identity = _interpret(facts, host)
    if facts is not None and HOST_FACTS_VAR not in identity:
        identity = dict(identity)
        identity[HOST_FACTS_VAR] = facts
    return identity, None


def _status_entry(host, status, name):
    """(state, message) the facts role recorded for document `name` (hyperv_host, hyperv_guest, ...) of a host."""
    if not isinstance(status, Mapping):
        raise TypeError("host '%s': %s is a %s, expected the dict the hyperv.azlocal.facts role sets"
                        % (host, STATUS_VAR, type(status).__name__))
    documents = status.get("documents")
    entry = documents.get(name) if isinstance(documents, Mapping) else None
    if isinstance(entry, Mapping) and entry.get("state"):
        return str(entry["state"]), entry.get("message")
    if not status.get("complete"):
        return "failed", "the hyperv.azlocal.facts role did not finish on this host (a task failed)"
    return None, None


def _freshness(host, variables, name, document, now):
    """(document or None, reason, note): a document the facts role could not refresh is not used as if fresh.

    The role records per document whether it was gathered, taken from the cache, or could not be gathered
    (unreachable, failed). A cached document of a host that could not be gathered is used only when the role
    was given a max_age and the document's collected_at is at most that old.
    """
    status = _field(variables, STATUS_VAR)
    if status is None:
        return document, None, None
    state, message = _status_entry(host, status, name)
    if state not in ("unreachable", "failed"):
        if document is None and state == "not_run" and message:
            return None, str(message), None
        return document, None, None
    cause = "unreachable" if state == "unreachable" else "gathering %s failed" % name
    detail = (": %s" % message) if message else ""
    if document is None:
        return None, cause + detail, None
    collected = _field(document, "collected_at")
    max_age = status.get("max_age") or 0
    if not isinstance(max_age, int) or isinstance(max_age, bool) or max_age < 0:
        raise TypeError("host '%s': %s.max_age must be a number of seconds, got %r" % (host, STATUS_VAR, max_age))
    why = ""
    if collected is not None and max_age:
        age = (now - parse_time(collected, "host '%s': collected_at" % host)).total_seconds()
        if age <= max_age:
            return document, None, "%s; cached facts from %s used (at most facts_max_age %d s old)" % (
                cause, collected, max_age)
        why = " (older than facts_max_age %d s)" % max_age
    return None, "%s; cached facts from %s not used%s%s" % (cause, collected or "an unknown time", why, detail), None


def _source_name(source):
    """The document the facts role keeps for a source: hyperv_host behind the identity, else the path's last key."""
    if source == IDENTITY:
        return HOST_FACTS_VAR
    name = source.rsplit(".", 1)[-1]
    return HOST_FACTS_VAR if name == IDENTITY_VAR else name


def collect_documents(data, hosts=None, source=IDENTITY, now=None):
    """Pick every host's document.

    data is hostvars (or any mapping host -> variables) with `hosts` naming the hosts to compare, or, without
    `hosts`, a mapping host -> document. Returns (documents {host: mapping}, missing {host: reason},
    notes {host: note}); now (an aware datetime, default the current time) is when cached documents are aged.
    """
    if not isinstance(data, Mapping):
        raise TypeError("compare_hosts expects hostvars (with a list of hosts) or a dict host -> document, got %s"
                        % type(data).__name__)
    if source is None:
        source = IDENTITY
    if not isinstance(source, str) or not source.strip():
        raise TypeError("source: expected '%s' or a variable path such as ansible_facts.hyperv_guest, got %r"
                        % (IDENTITY, source))
    now = now or datetime.datetime.now(datetime.timezone.utc)
    is_document = hosts is None
    names = list(data) if is_document else _as_list(hosts, "hosts")
    for name in names:
        if not isinstance(name, str):
            raise TypeError("host names must be strings, got %r" % (name,))
    paths = _var_paths(source) if source != IDENTITY else None
    kept = _source_name(source)
    documents, missing, notes = {}, {}, {}
    for host in natural_order(set(names)):
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
            document, reason = _identity_document(host, variables, is_document)
        else:
            document = _var(variables, paths)
            reason = "no value for source '%s'" % source
        if not isinstance(variables, list):
            document, why, note = _freshness(host, variables, kept, document, now)
            reason = why or reason
            if note:
                notes[host] = note
        if document is None:
            missing[host] = reason
            continue
        if type(document) is not dict and not isinstance(document, Mapping):
            raise TypeError("host '%s': source '%s' is a %s, expected a dict" % (host, source, type(document).__name__))
        documents[host] = document
    return documents, missing, notes


# ------------------------------------------------------------------------------------------ compare

def _norm_str(value, normalize):
    if "trim" in normalize:
        value = value.strip()
    if "ignore_case" in normalize:
        value = value.casefold()
    return value


def value_key(value, normalize=()):
    """A hashable key equal for equal JSON values (after normalisation), different across JSON types."""
    if type(value) is list and not normalize and set(map(type, value)) <= _UNAMBIGUOUS:
        return (_LIST, tuple(value))  # the same key the general case builds, without a call per item
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


def _search_column(field, documents, hosts):
    """Evaluate a JMESPath field on every host's plain document.

    A function given null (a value this host lacks) yields no value, so the host lacks the field; any other
    failure (a function given a value of the wrong type) is an error naming the field, the expression and the host.
    """
    column = []
    for host, document in zip(hosts, documents):
        try:
            column.append(field.get(document))
        except JMESPathError as exc:
            if not isinstance(exc, JMESPathTypeError) or getattr(exc, "actual_type", None) != "null":
                raise ValueError("field '%s': the expression '%s' failed on host '%s': %s"
                                 % (field.label, field.query, host, exc)) from None
            column.append(None)
    return column


def _column(field, docs, columns, plain_docs, hosts):
    """(the field's values in host order as plain JSON values, the set of their types)."""
    if field.path is not None:
        column = columns.read(field.path)
    else:
        column = _search_column(field, plain_docs(), hosts)
    kinds = set(map(type, column))
    if not kinds <= _JSON_TYPES:
        column = list(map(plain, column))  # Ansible's tagged values, other mappings: plain JSON, so the result is too
        kinds = set(map(type, column))
    return column, kinds


def _group(column, kinds, hosts, rank, normalize):
    """(values {host: value}, groups [[hosts]] largest first, missing [hosts]) of one column."""
    exact = normalize or not kinds <= _SCALARS or (bool in kinds and (int in kinds or float in kinds))
    keys = [value_key(value, normalize) for value in column] if exact else column
    if keys and keys[0] is not None and keys.count(keys[0]) == len(keys):  # every host holds the same value
        return dict(zip(hosts, column)), [list(hosts)], []
    values, buckets, missing = {}, {}, []
    for host, key, value in zip(hosts, keys, column):
        if key is None:
            missing.append(host)
            continue
        values[host] = value
        bucket = buckets.get(key)
        if bucket is None:
            buckets[key] = [host]
        else:
            bucket.append(host)
    groups = sorted(buckets.values(), key=lambda group: (-len(group), rank[group[0]]))
    return values, groups, missing


def _status(field, values, groups, missing, hosts, allow_missing):
    if not values:
        return "no_data"
    if len(hosts) == 1:
        return "single_host"
    if len(groups) == 1 and len(values) >= 2 and (allow_missing or not missing):
        return "identical"
    if field.expected:
        return "expected_difference"
    return "different" if len(groups) > 1 else "missing"


def _compare_field(field, column, kinds, hosts, rank, baseline, allow_missing):
    values, buckets, missing = _group(column, kinds, hosts, rank, field.normalize)
    groups = [{"value": values[group[0]], "hosts": group} for group in buckets]
    status = _status(field, values, buckets, missing, hosts, allow_missing)
    reference = None
    if baseline is not None:
        reference = next((g for g in groups if baseline in g["hosts"]), None)
    elif len(groups) == 1 or (len(groups) > 1 and len(groups[0]["hosts"]) > len(groups[1]["hosts"])):
        reference = groups[0]
    if status == "identical":
        odd = []
    else:
        inside = set(reference["hosts"]) if reference is not None else values
        odd = [h for h in hosts if h not in inside and (h in values or not allow_missing)]
    entry = {
        "query": field.query,
        "identical": status == "identical",
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
    if field.normalize:
        entry["normalize"] = list(field.normalize)
    return entry


def _host_details(documents, hosts):
    """({host: collected_at or None}, {host: [probe errors]}) of the compared documents."""
    observed, errors = {}, {}
    for host in hosts:
        document = documents[host]
        collected = _field(document, "collected_at")
        if collected is not None:
            if not isinstance(collected, str):
                raise TypeError("host '%s': collected_at must be an ISO 8601 time string, got %r" % (host, collected))
            if not _TIME.match(collected):
                parse_time(collected, "host '%s': collected_at" % host)  # raises, naming the host and the value
            collected = str.__str__(collected)
        observed[host] = collected
        found = _field(document, "errors")
        if isinstance(found, (list, tuple)) and found:
            errors[host] = ["%s: %s" % (plain(_field(e, "probe")), plain(_field(e, "message"))) if isinstance(e, Mapping)
                            else str(plain(e)) for e in found]
    return observed, errors


def compare_documents(documents, fields, missing_hosts=None, baseline=None, allow_missing=False, profile=None,
                      ordered=False, notes=None, compared_at=None):
    """Compare {host: document} on the given Field list; see compare_hosts for the result.

    ordered=True says the documents are already in natural host order (as collect_documents returns them).
    compared_at (UTC ISO 8601 text) defaults to now.
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
    docs = [documents[host] for host in hosts]
    columns = _Columns(docs)
    plain_docs = []

    def plain_documents():  # made once, for the first field that needs JMESPath
        if not plain_docs:
            plain_docs.append(list(map(plain, docs)))
        return plain_docs[0]

    result_fields, differences, expected = {}, [], []
    for field in fields:
        column, kinds = _column(field, docs, columns, plain_documents, hosts)
        entry = _compare_field(field, column, kinds, hosts, rank, baseline, allow_missing)
        result_fields[field.label] = entry
        if entry["status"] == "expected_difference":
            expected.append(field.label)
        elif entry["status"] not in PASSING:
            differences.append(field.label)
    missing_names = natural_order(missing_hosts)
    observed, errors = _host_details(documents, hosts)
    result = {
        "identical": len(hosts) >= 2 and not differences and (allow_missing or not missing_names),
        "hosts": hosts,
        "missing_hosts": missing_names,
        "missing_reasons": {h: missing_hosts[h] for h in missing_names},
        "fields": result_fields,
        "differences": differences,
        "expected_differences": expected,
        "profile": profile,
        "baseline": baseline,
        "allow_missing": bool(allow_missing),
        "compared_at": compared_at or utc_now(),
        "observed_at": observed,
        "notes": {h: notes[h] for h in natural_order(notes)} if notes else {},
        "probe_errors": errors,
    }
    result["summary"] = summarize(result)
    return result


def compare_hosts(data, hosts=None, fields=None, profile=None, source=None, expect_different=None, ignore=None,
                  baseline=None, normalize=None, allow_missing=False, compared_at=None):
    """Compare hosts field by field.

    Result keys: identical, hosts, missing_hosts, missing_reasons, fields (label -> query, identical, status,
    expected_difference, values, groups [{value, hosts}] largest first, missing, reference, odd_hosts),
    differences, expected_differences, profile, baseline, allow_missing, compared_at, observed_at, notes,
    probe_errors, summary. compared_at (UTC ISO 8601 text) is when the comparison is said to run, default now.
    """
    if not isinstance(allow_missing, bool):
        raise TypeError("allow_missing: expected a boolean, got %r" % (allow_missing,))
    if compared_at is None:
        compared_at = utc_now()
    now = parse_time(compared_at, "compared_at")
    field_list, names = build_fields(fields, profile, expect_different, ignore, normalize)
    documents, missing, notes = collect_documents(data, hosts, source, now=now)
    profile_name = None
    if names:
        profile_name = names[0] if len(names) == 1 else names
    return compare_documents(documents, field_list, missing, baseline, allow_missing, profile_name, ordered=True,
                             notes=notes, compared_at=compared_at)


def is_comparison(value):
    """True when value is a compare_hosts result (so tests and reports can take one directly)."""
    return isinstance(value, Mapping) and RESULT_KEYS.issubset(value) and isinstance(value.get("fields"), Mapping)


# ------------------------------------------------------------------------------------------ summary

def _names(items, limit=5):
    items = [visible(str(i)) for i in items]
    shown = ", ".join(items[:limit])
    return shown + (" and %d more" % (len(items) - limit) if len(items) > limit else "")


def _plural(count, word):
    return "%d %s%s" % (count, word, "" if count == 1 else "s")


def describe_field(label, entry):
    """A few words on one field that is not identical: who is odd, how the hosts split, or that no host has data."""
    status, groups, odd, missing = entry["status"], entry["groups"], entry["odd_hosts"], entry["missing"]
    label = visible(str(label))
    if status == "no_data":
        return "%s (no host has a value)" % label
    if status == "single_host":
        return "%s (only one host)" % label
    if status == "missing" or not groups:
        text = "%s (missing on %s" % (label, _names(missing))
        if len(entry["values"]) == 1:
            text += "; only %s has a value" % _names(entry["values"])
        return text + ")"
    present = [h for h in odd if h not in missing]
    if entry["reference"] is not None and present:
        text = "%s (%s differ%s)" % (label, _names(present), "s" if len(present) == 1 else "")
    else:
        text = "%s (split %s)" % (label, "/".join(str(len(g["hosts"])) for g in groups))
    if missing:
        text = text[:-1] + "; missing on %s)" % _names(missing)
    return text


def summarize(result):
    """One readable line for a comparison result (host-supplied names shown with visible escapes)."""
    hosts, fields = result["hosts"], result["fields"]
    missing = result["missing_hosts"]
    diffs = result["differences"]
    parts = []
    if not hosts:
        parts.append("NOT IDENTICAL: no host has data to compare")
    elif len(hosts) == 1:
        parts.append("NOT IDENTICAL: only %s has data; a comparison needs at least two hosts" % _names(hosts))
    elif result["identical"]:
        parts.append("IDENTICAL: %s agree on %s" % (_plural(len(hosts), "host"), _plural(len(fields), "field")))
    elif diffs:
        parts.append("NOT IDENTICAL: %d of %s %s not identical across %s: %s"
                     % (len(diffs), _plural(len(fields), "field"), "is" if len(diffs) == 1 else "are",
                        _plural(len(hosts), "host"),
                        ", ".join(describe_field(d, fields[d]) for d in diffs[:5])
                        + (" and %d more" % (len(diffs) - 5) if len(diffs) > 5 else "")))
    else:
        parts.append("NOT IDENTICAL: %s agree on %s" % (_plural(len(hosts), "host"), _plural(len(fields), "field")))
    expected = result["expected_differences"]
    if expected:
        parts.append("Expected differences: %s" % _names(expected))
    if missing:
        parts.append("%s: %s" % ("Missing hosts (allowed)" if result["allow_missing"] else "Missing hosts",
                                 _names(missing)))
    return ". ".join(parts) + "."
