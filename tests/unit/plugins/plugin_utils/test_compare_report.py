"""Unit tests for plugins/plugin_utils/_report.py (text, Markdown, HTML, JUnit XML, JSON renderers)."""
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import markdown_it
import pytest

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._compare import compare_hosts
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._report import (
    clean,
    md_code,
    md_text,
    reference_hosts,
    render_html,
    render_json,
    render_junit,
    render_markdown,
    render_text,
    shorten,
    value_text,
)

HOSTILE = "<script>alert('x')</script>]]>\"&\x00\x07\x1b|`**"


@pytest.fixture
def kernel_result(load_data):
    identities = load_data("compare/identities.json")
    docs = {h: identities[h] for h in ("ws2025-01", "azl-01", "azl-02", "azl-03")}
    docs["gone"] = None
    return compare_hosts(docs, profile="kernel")


@pytest.fixture
def hostile_result():
    docs = {
        HOSTILE: {"v": HOSTILE, "n": 1},
        "plain": {"v": "x" * 500, "n": 1},
        "other": {"v": "ok", "n": {"k": [HOSTILE]}},
        "bad\ud800host": None,
    }
    return compare_hosts(docs, fields={"value": "v", "nested": "n"})


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.cells = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "td":
            self.cells.append(dict(attrs).get("class", ""))

    def handle_data(self, data):
        self.text.append(data)


def _table_rows(page):
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", page, flags=re.S):
        rows.append(re.findall(r"<t[dh][^>]*>", row))
    return rows


def _parse_html(page):
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


# ------------------------------------------------------------------------------------------- helpers

@pytest.mark.parametrize("text, expected", [
    ("plain", "plain"),
    ("a\x00b", "a\\x00b"),
    ("tab\tnl\ncr\r", "tab\tnl\ncr\r"),
    ("\x1b[0m", "\\x1b[0m"),
    ("\ufffe\uffff", "\\ufffe\\uffff"),
    ("\ud800", "\\ud800"),
    ("emoji \U0001F600", "emoji \U0001F600"),
])
def test_clean_replaces_what_xml_forbids(text, expected):
    assert clean(text) == expected


@pytest.mark.parametrize("value, expected", [
    ("text", "text"),
    (4349, "4349"),
    (True, "true"),
    (["8.0", "12.0"], '["8.0", "12.0"]'),
    ({"b": 1, "a": None}, '{"a": null, "b": 1}'),
])
def test_value_text(value, expected):
    assert value_text(value) == expected


def test_value_text_of_unserialisable_value_uses_repr():
    class Odd:
        def __repr__(self):
            return "<odd>"

    circular = []
    circular.append(circular)
    assert value_text(circular) == "[[...]]"
    assert value_text({1, 2}) == "\"{1, 2}\""  # json's default=str
    assert value_text(Odd()) == "\"<odd>\""


@pytest.mark.parametrize("text, limit, expected", [
    ("abcdef", 4, "abc\u2026"),
    ("abc", 4, "abc"),
    ("abcdef", 0, "abcdef"),
    ("abcdef", None, "abcdef"),
    ("abcdef", 1, "a\u2026"),
])
def test_shorten(text, limit, expected):
    assert shorten(text, limit) == expected


@pytest.mark.parametrize("text, expected", [
    ("a|b", "`a\\|b`"),
    ("has `tick`", "`` has `tick` ``"),
    ("``x", "``` ``x ```"),
    ("", "` `"),
    ("  ", "`  `"),
    (" a ", "`  a  `"),
])
def test_md_code_survives_backticks_and_pipes(text, expected):
    assert md_code(text) == expected


def test_md_text_escapes_markup_and_html():
    assert md_text("*a* _b_ [c](d) <e> & |f|") == "\\*a\\* \\_b\\_ \\[c\\](d) &lt;e&gt; &amp; \\|f\\|"


def test_reference_hosts(kernel_result):
    assert reference_hosts(kernel_result["fields"]["ubr"]) == {"azl-01", "azl-02", "ws2025-01"}
    split = compare_hosts({"a": {"x": 1}, "b": {"x": 2}}, fields="x")["fields"]["x"]
    assert reference_hosts(split) is None


@pytest.mark.parametrize("render", [render_text, render_markdown, render_html, render_junit, render_json])
@pytest.mark.parametrize("bad", [None, [], {"identical": True}, "text"])
def test_renderers_reject_what_is_not_a_comparison(render, bad):
    with pytest.raises(TypeError, match="expected the result of hyperv.azlocal.compare_hosts"):
        render(bad)


# ---------------------------------------------------------------------------------------------- text

def test_text_table_names_fields_values_and_hosts(kernel_result):
    text = render_text(kernel_result)
    lines = text.splitlines()
    assert lines[0] == kernel_result["summary"]
    assert lines[1] == "Profile kernel, compared %s, hosts observed at an unknown time." % kernel_result["compared_at"]
    assert lines[2].split() == ["FIELD", "STATUS", "VALUE", "HOSTS"]
    ubr = [line for line in lines if line.startswith("ubr ")][0]
    assert ubr.split() == ["ubr", "DIFFERENT", "4349", "azl-01,", "azl-02,", "ws2025-01"]
    assert lines[lines.index(ubr) + 1].split() == ["4061", "azl-03"]
    assert any(line.startswith("product_name") and "expected" in line for line in lines)
    assert "build " not in text  # identical fields are left out by default
    assert lines[-1] == "Missing host gone: no document"


def test_text_table_all_fields_and_limits(kernel_result):
    text = render_text(kernel_result, only_differences=False, max_value=10, max_hosts=1)
    assert "build" in text
    assert "azl-01 and 2 more" in text
    assert "\u2026" in text  # sha256 values are cut


def test_text_table_of_identical_result_is_only_the_summary_and_when():
    result = compare_hosts({"a": {"x": 1, "collected_at": "2026-11-30T10:41:07.1234567Z"}, "b": {"x": 1}}, fields="x",
                           compared_at="2026-11-30T10:45:00Z")
    assert render_text(result) == (
        "IDENTICAL: 2 hosts agree on 1 field.\n"
        "Own fields, compared 2026-11-30T10:45:00Z, hosts observed 2026-11-30T10:41:07.1234567Z (1 host at an unknown "
        "time).")


# ------------------------------------------------------------------------------------------ Markdown

def test_markdown_report(kernel_result):
    page = render_markdown(kernel_result)
    assert page.startswith("# Host comparison (kernel)\n")
    assert "**NOT IDENTICAL**: 6 of 18 fields are not identical across 4 hosts" in page
    assert "Profile kernel, compared %s, hosts observed at an unknown time." % kernel_result["compared_at"] in page
    assert "| `ubr` | **DIFFERENT** | `4349` | azl\\-01" not in page  # hyphens stay readable
    assert "| `ubr` | **DIFFERENT** | `4349` | azl-01, azl-02, ws2025-01 |" in page
    assert "|  |  | `4061` | azl-03 |" in page
    assert "| `build` | identical | `26100` |" in page
    assert "## Missing hosts\n\n- gone: no document" in page


def test_markdown_only_differences_and_title(kernel_result):
    page = render_markdown(kernel_result, title="Kernel <proof>", only_differences=True)
    assert page.startswith("# Kernel &lt;proof&gt;\n")
    assert "`build`" not in page


def test_markdown_escapes_hostile_strings(hostile_result):
    page = render_markdown(hostile_result, title=HOSTILE)
    assert "\x00" not in page and "\x07" not in page
    outside_code = re.sub(r"(`+).*?\1", "", page)  # a code span shows its content literally, <script> included
    assert "<" not in outside_code
    for line in page.splitlines():
        if line.startswith("| `value`") or line.startswith("|  |"):
            # a table row keeps exactly its four cells: every | inside a cell is escaped
            assert line.replace("\\|", "").count("|") == 5


def test_markdown_renders_hostile_strings_as_text(hostile_result):
    rendered = markdown_it.MarkdownIt("commonmark").enable("table").render(render_markdown(hostile_result))
    assert "<script>" not in rendered
    assert "&lt;script&gt;" in rendered
    parsed = _parse_html(rendered)
    assert parsed.tags.count("th") == 4 + 3  # the field table, then the hosts table (host, observed at, note)
    field_rows, host_rows = _table_rows(rendered)[:6], _table_rows(rendered)[6:]
    assert all(len(row) == 4 for row in field_rows)
    assert len(host_rows) == 4 and all(len(row) == 3 for row in host_rows)


def test_markdown_missing_value_row():
    result = compare_hosts({"a": {"x": 1}, "b": {}}, fields="x")
    assert "|  |  | *missing* | b |" in render_markdown(result)


# ---------------------------------------------------------------------------------------------- HTML

def test_html_page_is_self_contained_and_shows_states(kernel_result):
    page = render_html(kernel_result)
    parsed = _parse_html(page)
    assert page.startswith("<!DOCTYPE html>")
    assert set(parsed.tags) <= {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "span", "div",
                                "table", "thead", "tbody", "tr", "th", "td", "small", "code", "ul", "li", "em", "br"}
    for external in ("http:", "https:", "src=", "href=", "@import", "url("):
        assert external not in page
    hosts = kernel_result["hosts"]
    fields = kernel_result["fields"]
    columns = len(hosts) + 1  # the host without data ("gone") has a grey column too
    assert len(parsed.cells) == (len(fields) + 1) * (columns + 1)  # one row per field, and when each host was observed
    cells = [c for c in parsed.cells if c.startswith("v ")]
    # ubr row: three hosts with the majority, azl-03 odd, gone missing
    ubr_index = list(fields).index("ubr")
    row = cells[ubr_index * columns:(ubr_index + 1) * columns]
    assert row == ["v same", "v same", "v odd", "v same", "v missing"]
    product_index = list(fields).index("product_name")
    row = cells[product_index * columns:(product_index + 1) * columns]
    assert row == ["v same", "v same", "v same", "v expected", "v missing"]
    assert '<th scope="col" class="missing" title="no document">gone<br><small>no data</small></th>' in page
    assert "NOT IDENTICAL" in page and "gone: no document" in page


def test_html_split_and_missing_cells():
    result = compare_hosts({"a": {"x": 1}, "b": {"x": 2}, "c": {}}, fields="x")
    cells = [c for c in _parse_html(render_html(result)).cells if c.startswith("v ")]
    assert cells == ["v split", "v split", "v missing"]
    expected = compare_hosts({"a": {"x": 1}, "b": {"x": 2}}, fields="x", expect_different="x")
    cells = [c for c in _parse_html(render_html(expected)).cells if c.startswith("v ")]
    assert cells == ["v expected", "v expected"]


def test_html_escapes_every_host_string(hostile_result):
    page = render_html(hostile_result, title=HOSTILE)
    parsed = _parse_html(page)
    assert "script" not in parsed.tags
    assert "<script>" not in page
    assert "\x00" not in page and "\x07" not in page and "\ud800" not in page
    text = "".join(parsed.text)
    assert "<script>alert('x')</script>]]>\"&\\x00\\x07\\x1b|`**" in text  # shown, as text
    assert "x" * 500 in page  # full value kept in the tooltip and the details
    page.encode("utf-8")  # no lone surrogate left


def test_html_identical_verdict():
    page = render_html(compare_hosts({"a": {"x": 1}, "b": {"x": 1}}, fields="x"))
    assert '<span class="verdict ok">IDENTICAL</span>' in page


# ----------------------------------------------------------------------------------------- JUnit XML

def test_junit_one_testcase_per_field(kernel_result):
    root = ET.fromstring(render_junit(kernel_result).encode("utf-8"))
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == list(kernel_result["fields"]) + ["hosts with data"]
    assert suite.get("tests") == str(len(cases)) == root.get("tests")
    assert suite.get("failures") == "7"  # six differing fields and the missing host
    ubr = [c for c in cases if c.get("name") == "ubr"][0]
    failure = ubr.find("failure")
    assert failure.get("type") == "different"
    assert failure.get("message") == "ubr: azl-03 differs from 4349"
    assert "4061: azl-03" in failure.text
    product = [c for c in cases if c.get("name") == "product_name"][0]
    assert product.find("failure") is None
    assert "Windows Server 2025 Datacenter: ws2025-01" in product.find("system-out").text
    hosts_case = cases[-1]
    assert hosts_case.find("failure").get("message") == "missing hosts: gone"
    assert cases[0].get("classname") == "hyperv.azlocal.compare_hosts.kernel"
    props = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert props["profile"] == "kernel"


def test_junit_missing_values_and_allowed_missing_hosts():
    result = compare_hosts({"a": {"x": 1}, "b": {}, "c": None, "d": {"x": 1}}, fields="x", allow_missing=True)
    root = ET.fromstring(render_junit(result, suite_name="s", classname="c"))
    suite = root.find("testsuite")
    assert suite.get("name") == "s" and suite.get("failures") == "0"
    x, hosts_case = suite.findall("testcase")
    assert x.get("classname") == "c"
    assert "(missing): b" in x.find("system-out").text
    assert "missing hosts (allowed)" in hosts_case.find("system-out").text
    lone = compare_hosts({"a": {"x": 1}, "b": {}, "c": None}, fields="x", allow_missing=True)
    failure = ET.fromstring(render_junit(lone)).find("testsuite/testcase/failure")
    assert failure.get("type") == "missing" and failure.get("message") == "x: missing on b; only a has a value"
    strict = compare_hosts({"a": {"x": 1}, "b": {}}, fields="x")
    failure = ET.fromstring(render_junit(strict)).find("testsuite/testcase/failure")
    assert failure.get("type") == "missing" and failure.get("message") == "x: missing on b; only a has a value"


def test_junit_split_message():
    result = compare_hosts({"a": {"x": 1}, "b": {"x": 2}, "c": {}}, fields="x")
    failure = ET.fromstring(render_junit(result)).find("testsuite/testcase/failure")
    assert failure.get("message") == "x: no majority, 2 values; missing on c"


def test_junit_stays_well_formed_with_hostile_strings(hostile_result):
    xml = render_junit(hostile_result, suite_name=HOSTILE)
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.get("name").startswith("<script>")
    texts = [c.find("failure").text for c in root.iter("testcase") if c.find("failure") is not None]
    assert any("\\x00" in t for t in texts)


def test_junit_profile_list_names_the_suite(load_data):
    identities = load_data("compare/identities.json")
    result = compare_hosts({"a": identities["azl-01"]}, profile=["kernel", "os"])
    root = ET.fromstring(render_junit(result))
    assert root.get("name") == "hyperv.azlocal.compare_hosts (kernel, os)"


# ---------------------------------------------------------------------------------------------- JSON

def test_json_round_trip(kernel_result):
    assert json.loads(render_json(kernel_result)) == kernel_result
    assert "\n" not in render_json(kernel_result, indent=None).rstrip("\n")


def test_json_of_a_registered_assert_identical_result_is_the_comparison_alone(kernel_result):
    """The compare role registers assert_identical's result (the comparison, its msg and table, Ansible's keys)
    and writes the JSON report from it: the report holds the comparison, nothing of the task result."""
    registered = dict(kernel_result, msg="NOT IDENTICAL ...", table=["a", "b"], changed=False, failed=False,
                      failed_when_result=False)
    assert render_json(registered) == render_json(kernel_result)
    assert json.loads(render_json(registered)) == kernel_result
    # a report read back (it has a notice) keeps its notice
    read_back = json.loads(render_json(kernel_result, notice="SAMPLE"))
    assert render_json(read_back) == render_json(kernel_result, notice="SAMPLE")


def test_json_is_ascii_with_hostile_strings(hostile_result):
    text = render_json(hostile_result)
    text.encode("ascii")
    assert json.loads(text)["hosts"][0] == hostile_result["hosts"][0]


@pytest.mark.parametrize("indent", [-1, "2", True, 1.5])
def test_json_bad_indent(kernel_result, indent):
    with pytest.raises(TypeError, match="indent must be a non-negative integer"):
        render_json(kernel_result, indent=indent)


# ------------------------------------------------------------- no data, times, notice (every format)

AT = "2026-11-30T10:45:00Z"


@pytest.fixture
def nothing_result():
    """Three hosts asked for, none with data (unreachable, say): the kernel profile's 18 fields have no value."""
    return compare_hosts({"n1": None, "n2": None, "n3": None}, profile="kernel", compared_at=AT)


def test_no_data_is_no_field_identical_in_any_format(nothing_result):
    assert all(entry["status"] == "no_data" for entry in nothing_result["fields"].values())
    assert nothing_result["summary"].startswith("NOT IDENTICAL: no host has data to compare. ")
    # JSON: every field says no_data
    fields = json.loads(render_json(nothing_result))["fields"]
    assert {entry["status"] for entry in fields.values()} == {"no_data"}
    # JUnit: every testcase fails, the field ones as no_data, the hosts one as too few hosts
    suite = ET.fromstring(render_junit(nothing_result)).find("testsuite")
    cases = suite.findall("testcase")
    assert suite.get("failures") == suite.get("tests") == str(len(cases)) == "19"
    assert [c.find("failure").get("type") for c in cases] == ["no_data"] * 18 + ["too_few_hosts"]
    assert cases[0].find("failure").get("message") == "build: no compared host has a value"
    # HTML: no green cell, no green status, the verdict red
    page = render_html(nothing_result)
    parsed = _parse_html(page)
    assert not [c for c in parsed.cells if c in ("v same", "st-identical")]
    assert page.count('<td class="st-no_data">NO DATA</td>') == 18
    assert '<span class="verdict bad">NOT IDENTICAL</span>' in page
    # Markdown: every field row says NO DATA
    markdown = render_markdown(nothing_result)
    assert markdown.count("| **NO DATA** |") == 18
    assert " identical |" not in markdown
    # the console table too
    assert render_text(nothing_result).count(" NO DATA ") == 18


def test_every_report_says_when_and_which_profile(load_data):
    identities = load_data("compare/identities.json")
    docs = {"azl-01": dict(identities["azl-01"], collected_at="2025-07-15T09:12:43.8815320Z"),
            "azl-02": dict(identities["azl-02"], collected_at="2025-07-15T09:12:45.0137772Z"), "text-only": identities["azl-01"]}
    result = compare_hosts(docs, profile="kernel", compared_at=AT)
    assert result["compared_at"] == AT
    assert result["observed_at"] == {"azl-01": "2025-07-15T09:12:43.8815320Z", "azl-02": "2025-07-15T09:12:45.0137772Z",
                                     "text-only": None}
    line = ("Profile kernel, compared 2026-11-30T10:45:00Z, hosts observed 2025-07-15T09:12:43.8815320Z to "
            "2025-07-15T09:12:45.0137772Z (1 host at an unknown time)")
    assert line + "." in render_text(result)
    markdown = render_markdown(result)
    assert line + "." in markdown
    assert "| azl-02 | 2025-07-15T09:12:45.0137772Z |  |" in markdown and "| text-only | unknown |  |" in markdown
    page = render_html(result)
    assert _e_text(line) in page and '<td class="t">2025-07-15T09:12:45.0137772Z</td>' in page
    suite = ET.fromstring(render_junit(result)).find("testsuite")
    assert suite.get("timestamp") == "2026-11-30T10:45:00"
    props = {p.get("name"): p.get("value") for p in suite.find("properties")}
    assert props["compared_at"] == AT and props["profile"] == "kernel"
    assert "azl-02: observed at 2025-07-15T09:12:45.0137772Z" in suite.findall("testcase")[-1].find("system-out").text
    document = json.loads(render_json(result))
    assert document["compared_at"] == AT and document["observed_at"]["text-only"] is None


def _e_text(text):
    import html

    return html.escape(text, quote=True)


@pytest.mark.parametrize("render", [render_text, render_markdown, render_html, render_junit, render_json])
def test_every_format_carries_the_notice(kernel_result, render):
    notice = "SAMPLE DATA for the hyperv.azlocal demo: not gathered from a real host."
    out = render(kernel_result, notice=notice)
    assert "SAMPLE DATA for the hyperv.azlocal demo" in out
    assert "SAMPLE DATA" not in render(kernel_result)
    with pytest.raises(TypeError, match="notice must be a string"):
        render(kernel_result, notice=["x"])


def test_json_notice_comes_first_and_the_result_stays_whole(kernel_result):
    document = json.loads(render_json(kernel_result, notice="SAMPLE"))
    assert list(document)[0] == "notice" and document["notice"] == "SAMPLE"
    del document["notice"]
    assert document == kernel_result


# --------------------------------------------------------------- text outputs that cannot be forged

FORGERS = ["line\nbreak", "cr\rhere", "nel\x85next", "ls\u2028ps\u2029", "rlo\u202eevil\u202c", "isolate\u2066x\u2069",
           "mark\u200f", "tab\there", "vt\x0bff\x0c", "esc\x1b[31mred"]


@pytest.fixture
def forged_result():
    docs = {"host " + forger: {"v": forger, "w": 1} for forger in FORGERS}
    docs["plain"] = {"v": "ok", "w": 2}
    docs["gone " + FORGERS[0]] = None
    return compare_hosts(docs, fields={"value " + FORGERS[4]: "v", "w": "w"}, compared_at=AT)


def _no_forging_characters(text, allowed=""):
    for char in "\r\x85\u2028\u2029\u202e\u202c\u2066\u2069\u200f\x0b\x0c\x1b\t" + "\n":
        if char not in allowed:
            assert char not in text, repr(char)


def test_console_table_and_summary_cannot_be_forged(forged_result):
    _no_forging_characters(forged_result["summary"])
    text = render_text(forged_result, only_differences=False, max_value=0, max_hosts=0)
    _no_forging_characters(text, allowed="\n")
    lines = text.splitlines()
    table = lines[2:]
    # summary, metadata, header, the value field's 11 rows, w's 2 rows, one missing host: nothing else
    assert len(table) == 1 + len(FORGERS) + 1 + 2 + 1
    assert "host line\\x0abreak" in text and "rlo\\u202eevil\\u202c" in text


def test_markdown_rows_cannot_be_forged(forged_result):
    markdown = render_markdown(forged_result, max_value=0, max_hosts=0)
    _no_forging_characters(markdown, allowed="\n")
    lines = markdown.splitlines()
    rows = [line for line in lines if line.startswith("| ")]
    assert len(rows) == 2 + (len(FORGERS) + 1) + 2 + 2 + (len(FORGERS) + 1)  # fields table, then hosts table
    for row in rows:
        assert row.replace("\\|", "").count("|") in (4, 5)
    assert "- gone line\\\\x0abreak: no document" in lines


def test_html_and_junit_show_bidi_and_line_separators_as_escapes(forged_result):
    page = render_html(forged_result)
    _no_forging_characters(page, allowed="\n")
    xml = render_junit(forged_result)
    _no_forging_characters(xml, allowed="\n")
    ET.fromstring(xml.encode("utf-8"))


@pytest.mark.parametrize("bad", ["\ud800", "lone \udfff low", "pair \ud83d\ude00 ok?"])
def test_json_is_strict_whatever_the_strings(bad):
    result = compare_hosts({bad: {"v": bad, "n": float("nan")}, "b": {"v": "x", "n": float("inf")}},
                           fields={bad: "v", "n": "n"}, compared_at=AT)
    text = render_json(result)
    text.encode("ascii")
    document = json.loads(text, parse_constant=lambda name: pytest.fail("non-standard constant %s" % name))

    def strings(value):
        if isinstance(value, dict):
            for key, item in value.items():
                yield key
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
        elif isinstance(value, str):
            yield value

    assert not [t for t in strings(document) if re.search("[\ud800-\udfff]", t)]  # no surrogate survives decoding
    assert any("\\ud8" in host or "\\udf" in host for host in document["hosts"])  # shown as a visible escape
    assert document["fields"]["n"]["values"] == {"b": "inf", document["hosts"][1]: "nan"}
