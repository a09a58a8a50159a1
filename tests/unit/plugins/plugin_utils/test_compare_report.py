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
    assert lines[1].split() == ["FIELD", "STATUS", "VALUE", "HOSTS"]
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


def test_text_table_of_identical_result_is_only_the_summary():
    result = compare_hosts({"a": {"x": 1}, "b": {"x": 1}}, fields="x")
    assert render_text(result) == result["summary"]


# ------------------------------------------------------------------------------------------ Markdown

def test_markdown_report(kernel_result):
    page = render_markdown(kernel_result)
    assert page.startswith("# Host comparison (kernel)\n")
    assert "**NOT IDENTICAL**: 6 of 18 fields differ" in page
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
    assert parsed.tags.count("th") == 4
    assert all(len(row) == 4 for row in _table_rows(rendered))


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
    assert len(parsed.cells) == len(fields) * (columns + 1)
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
    result = compare_hosts({"a": {"x": 1}, "b": {}, "c": None}, fields="x", allow_missing=True)
    root = ET.fromstring(render_junit(result, suite_name="s", classname="c"))
    suite = root.find("testsuite")
    assert suite.get("name") == "s" and suite.get("failures") == "0"
    x, hosts_case = suite.findall("testcase")
    assert x.get("classname") == "c"
    assert "(missing): b" in x.find("system-out").text
    assert "missing hosts (allowed)" in hosts_case.find("system-out").text
    strict = compare_hosts({"a": {"x": 1}, "b": {}}, fields="x")
    failure = ET.fromstring(render_junit(strict)).find("testsuite/testcase/failure")
    assert failure.get("type") == "missing" and failure.get("message") == "x: missing on b"


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


def test_json_is_ascii_with_hostile_strings(hostile_result):
    text = render_json(hostile_result)
    text.encode("ascii")
    assert json.loads(text)["hosts"][0] == hostile_result["hosts"][0]


@pytest.mark.parametrize("indent", [-1, "2", True, 1.5])
def test_json_bad_indent(kernel_result, indent):
    with pytest.raises(TypeError, match="indent must be a non-negative integer"):
        render_json(kernel_result, indent=indent)
