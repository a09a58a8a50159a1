"""Property-based tests of the comparison engine and its renderers (hypothesis)."""
import copy
import json
import re
import xml.etree.ElementTree as ET

from hypothesis import HealthCheck, assume, given, settings
from jmespath.exceptions import JMESPathTypeError
from hypothesis import strategies as st

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._compare import (
    compare_hosts,
    is_comparison,
    natural_key,
    natural_order,
)
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._report import (
    render_html,
    render_json,
    render_junit,
    render_markdown,
    render_text,
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12))
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=4), children, max_size=4)),
    max_leaves=12,
)
# documents are biased towards the keys the field expressions read
keys = st.sampled_from(["a", "b", "c", "x", ""])
documents = st.dictionaries(keys, st.one_of(json_values, st.dictionaries(keys, json_values, max_size=3)), max_size=5)
host_names = st.text(min_size=1, max_size=8)
host_sets = st.dictionaries(host_names, st.one_of(documents, st.none()), max_size=6)
EXPRESSIONS = ["a", "a.b", "b", "a.b.c", "x", "length(a)", "keys(@)", "[a, b]", "a[0]", "max(a)", "sort(a)",
               "a || b", "to_string(c)", "values(@)[?@ != `null`] | length(@)"]
field_lists = st.lists(st.sampled_from(EXPRESSIONS), min_size=1, max_size=6, unique=True)
normalizations = st.sampled_from([None, True, "ignore_case", "trim", ["trim", "ignore_case"]])


def _partition_holds(result):
    hosts = result["hosts"]
    for entry in result["fields"].values():
        grouped = [h for g in entry["groups"] for h in g["hosts"]]
        assert sorted(grouped + entry["missing"]) == sorted(hosts)
        assert len(set(grouped)) == len(grouped)
        sizes = [len(g["hosts"]) for g in entry["groups"]]
        assert sizes == sorted(sizes, reverse=True)
        assert set(entry["values"]) == set(grouped)
        assert entry["identical"] == (len(entry["groups"]) == 1 and len(grouped) >= 2
                                      and (result["allow_missing"] or not entry["missing"]))
        assert entry["identical"] == (entry["status"] == "identical")


def _compare_or_named_error(data, **options):
    """compare_hosts, or None when a field's expression failed on a host - an error that names all three."""
    try:
        return compare_hosts(data, **options)
    except ValueError as exc:
        message = str(exc)
        assert re.match(r"^field '[^']*': the expression '.*' failed on host '.*': ", message, re.S), message
        return None


@SETTINGS
@given(host_sets, field_lists, normalizations, st.booleans())
def test_never_crashes_and_partitions_hosts(data, fields, normalize, allow_missing):
    result = _compare_or_named_error(data, fields=fields, normalize=normalize, allow_missing=allow_missing)
    if result is None:
        return
    assert is_comparison(result)
    assert list(result["fields"]) == fields
    assert sorted(result["hosts"] + result["missing_hosts"]) == sorted(data)
    _partition_holds(result)
    json.dumps(result)  # the result is plain JSON data


@SETTINGS
@given(host_sets, field_lists, normalizations, st.randoms(use_true_random=False))
def test_invariant_under_host_order(data, fields, normalize, rnd):
    items = list(data.items())
    rnd.shuffle(items)
    at = "2026-11-30T10:41:07Z"
    first = _compare_or_named_error(data, fields=fields, normalize=normalize, compared_at=at)
    if first is None:
        return
    assert compare_hosts(dict(items), fields=fields, normalize=normalize, compared_at=at) == first


@SETTINGS
@given(documents, field_lists, normalizations)
def test_host_and_copy_of_itself_agree_where_they_have_data(document, fields, normalize):
    result = _compare_or_named_error({"host": document, "copy": copy.deepcopy(document)}, fields=fields,
                                     normalize=normalize, allow_missing=True)
    if result is None:
        return
    for entry in result["fields"].values():
        assert entry["missing"] in ([], ["copy", "host"])
        assert len(entry["groups"]) <= 1
        assert entry["status"] == ("no_data" if entry["missing"] else "identical")
    # identical exactly when both have every field: no data on a field is never agreement
    assert result["identical"] is all(not e["missing"] for e in result["fields"].values())
    strict = compare_hosts({"host": document, "copy": copy.deepcopy(document)}, fields=fields, normalize=normalize)
    assert strict["identical"] is result["identical"]


@SETTINGS
@given(host_sets, field_lists, st.booleans())
def test_baseline_reference_is_the_baseline_value(data, fields, allow_missing):
    if not data:
        return
    baseline = sorted(data)[0]
    result = _compare_or_named_error(data, fields=fields, baseline=baseline, allow_missing=allow_missing)
    if result is None:
        return
    for entry in result["fields"].values():
        if baseline in entry["values"]:
            assert entry["reference"] == entry["values"][baseline] or entry["reference"] is entry["values"][baseline]
            assert baseline not in entry["odd_hosts"]
        else:
            assert entry["reference"] is None


hostile = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=30) | st.sampled_from(
    ["<script>alert(1)</script>", "]]>", "\"'&<>", "\x00\x07\x1b\ufffe", "a" * 5000, "`|` **x** [l](u)", "\ud800"])


@SETTINGS
@given(st.dictionaries(hostile, st.dictionaries(st.sampled_from(["v", "w"]), hostile | json_values, max_size=2),
                       min_size=1, max_size=4))
def test_renderers_survive_hostile_strings(data):
    result = compare_hosts(data, fields={"v": "v", "w": "w"}, expect_different=["w"])
    page = render_html(result)
    assert "<script>" not in page
    xml = render_junit(result)
    root = ET.fromstring(xml.encode("utf-8"))
    assert len(root.find("testsuite").findall("testcase")) == 3
    json.loads(render_json(result))
    assert "<" not in re.sub(r"(`+).*?\1", "", render_markdown(result))  # only code spans show < literally
    render_text(result)


@SETTINGS
@given(st.lists(st.text(alphabet="ab01239-\u0663\ud800\u00e9", max_size=8), max_size=30))
def test_natural_order_shortcut_agrees_with_the_natural_key(names):
    assert natural_order(names) == sorted(names, key=natural_key)


def _naive(data, query, normalize):
    """The obvious algorithm, one host at a time, for checking the engine's column and grouping shortcuts."""
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils._compare import compile_query, value_key

    get = compile_query(query)
    norm = ("ignore_case", "trim") if normalize is True else ()
    groups, missing = {}, []
    for host in sorted(h for h, d in data.items() if d is not None):
        value = get(data[host])  # the engine raised already if this fails on a non-null value
        if value is None:
            missing.append(host)
        else:
            groups.setdefault(value_key(value, norm), []).append(host)
    return sorted(sorted(g) for g in groups.values()), missing


@SETTINGS
@given(host_sets, field_lists, st.sampled_from([None, True]), st.booleans())
def test_optimised_grouping_matches_the_obvious_algorithm(data, fields, normalize, allow_missing):
    result = _compare_or_named_error(data, fields=fields, normalize=normalize, allow_missing=allow_missing)
    if result is None:
        return
    for query in fields:
        entry = result["fields"][query]
        try:
            groups, missing = _naive(data, query, normalize)
        except JMESPathTypeError as exc:  # a function given null: the host lacks the value
            assert exc.actual_type == "null"
            continue
        assert sorted(sorted(g["hosts"]) for g in entry["groups"]) == groups
        assert sorted(entry["missing"]) == missing
        # odd hosts: outside the reference group (the strict majority), plus the missing ones unless allowed
        sizes = sorted((len(g) for g in groups), reverse=True)
        reference = None
        if groups and (len(sizes) == 1 or sizes[0] > sizes[1]):
            reference = [g for g in groups if len(g) == sizes[0]][0]
        if entry["identical"]:
            expected = []
        else:
            expected = [] if allow_missing else list(missing)
            if reference is not None:
                expected += [h for g in groups if g is not reference for h in g]
        assert entry["odd_hosts"] == sorted(expected, key=natural_key)


raw_like = st.dictionaries(st.sampled_from(["os_registry", "os_cim", "source", "files", "hardware", "a"]),
                           st.one_of(json_values, st.sampled_from(["ver", "systeminfo"])), min_size=1, max_size=4)


@SETTINGS
@given(st.dictionaries(st.sampled_from(["h1", "h2", "h3"]), raw_like, min_size=1, max_size=3))
def test_garbage_that_looks_like_raw_facts_is_a_clear_error_or_a_result(data):
    """Documents with host_facts' marker keys go through host_identity: bad values are errors naming the host."""
    try:
        result = compare_hosts(data, profile="kernel", allow_missing=True)
    except (TypeError, ValueError) as exc:
        assert any("'%s'" % host in str(exc) for host in data), str(exc)
    else:
        assert is_comparison(result)


# ------------------------------------------------------------------ no data is never agreement (issue 11)

@SETTINGS
@given(host_sets, field_lists, normalizations, st.booleans(),
       st.lists(st.sampled_from(["zz", "a.zz", "zz.a"]), min_size=1, max_size=3, unique=True))
def test_a_field_that_no_host_has_is_never_identical(data, fields, normalize, allow_missing, absent):
    """For any documents: a field without a value on every compared host is no_data, and the comparison fails."""
    result = _compare_or_named_error(data, fields=fields + absent, normalize=normalize, allow_missing=allow_missing,
                                     expect_different=absent[:1])
    if result is None:
        return
    for label, entry in result["fields"].items():
        if not entry["values"]:
            assert entry["status"] == "no_data", label
            assert entry["identical"] is False, label
            assert label in result["differences"], label
    for label in absent:  # no document has the key zz anywhere
        assert result["fields"][label]["status"] == "no_data"
    assert result["identical"] is False


lone_host_sets = st.tuples(st.one_of(st.none(), st.tuples(host_names, documents)),
                           st.dictionaries(host_names, st.none(), max_size=4))


@SETTINGS
@given(lone_host_sets, field_lists, normalizations, st.booleans())
def test_a_comparison_without_two_observed_hosts_is_never_identical(hosts, fields, normalize, allow_missing):
    """At most one host with data (the others absent or null): never identical, with or without allow_missing."""
    lone, absent = hosts
    data = dict(absent)
    if lone is not None:
        data[lone[0]] = lone[1]
    result = _compare_or_named_error(data, fields=fields, normalize=normalize, allow_missing=allow_missing)
    if result is None:
        return
    assert len(result["hosts"]) <= 1
    assert result["identical"] is False
    assert all(entry["status"] in ("no_data", "single_host") for entry in result["fields"].values())
    assert result["summary"].startswith("NOT IDENTICAL: ")


@SETTINGS
@given(host_sets, field_lists, normalizations, st.booleans())
def test_identical_means_two_or_more_hosts_observed_and_agreeing(data, fields, normalize, allow_missing):
    result = _compare_or_named_error(data, fields=fields, normalize=normalize, allow_missing=allow_missing)
    assume(result is not None)
    if result["identical"]:
        assert len(result["hosts"]) >= 2
        assert allow_missing or not result["missing_hosts"]
        for entry in result["fields"].values():
            assert len(entry["values"]) >= 1
            if entry["status"] == "identical":
                assert len(entry["values"]) >= 2 and len(entry["groups"]) == 1
            else:
                assert entry["status"] == "expected_difference"
