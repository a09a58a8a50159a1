# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Render a compare_hosts result as text, Markdown, HTML, JUnit XML or JSON. PRIVATE to the collection.

Every string that comes from a host (names, values, reasons) is untrusted: it is escaped for the target
format, and characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are replaced by
a visible escape such as \\x07, so the HTML and XML stay well formed whatever the hosts return.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping

from ._compare import RESULT_KEYS, is_comparison

GENERATOR = "hyperv.azlocal"
# XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_MARK = {"identical": "identical", "different": "DIFFERENT", "missing": "MISSING", "expected_difference": "expected"}
_MISSING_TEXT = "(missing)"


def check_result(result):
    """The renderers take the result of compare_hosts (or of assert_identical) and nothing else."""
    if not is_comparison(result):
        got = "a dict without the keys %s" % ", ".join(sorted(RESULT_KEYS)) if isinstance(result, Mapping) \
            else "a %s" % type(result).__name__
        raise TypeError("expected the result of hyperv.azlocal.compare_hosts, got %s" % got)
    return result


def reference_hosts(entry):
    """The hosts of the reference group of a field (None when there is no reference: a split or no value)."""
    if entry["reference"] is None:
        return None
    odd = set(entry["odd_hosts"])
    for group in entry["groups"]:
        if not odd.intersection(group["hosts"]):
            return set(group["hosts"])
    return None  # pragma: no cover - a result from compare_hosts always has one


def clean(text):
    """Replace every character XML 1.0 forbids with a visible \\xNN / \\uNNNN escape."""
    return _NOT_XML.sub(lambda m: "\\x%02x" % ord(m.group()) if ord(m.group()) < 0x100 else "\\u%04x" % ord(m.group()),
                        text)


def value_text(value):
    """A value as one line of text: strings as they are, everything else as compact JSON."""
    if isinstance(value, str):
        text = value
    else:
        try:
            text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(", ", ": "), default=str)
        except (TypeError, ValueError):
            text = repr(value)
    return clean(text)


def shorten(text, limit):
    """At most `limit` characters, with an ellipsis when cut; limit 0 or None keeps everything."""
    if not limit or len(text) <= limit:
        return text
    return text[:max(limit - 1, 1)] + "\u2026"


def host_list(hosts, limit=None):
    """'a, b, c and 5 more'."""
    hosts = [clean(str(h)) for h in hosts]
    if limit and len(hosts) > limit:
        return ", ".join(hosts[:limit]) + " and %d more" % (len(hosts) - limit)
    return ", ".join(hosts)


def _one_line(text):
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def rows(result, only_differences=False):
    """(label, entry) for the fields to show: all of them, or only those not identical."""
    for label, entry in result["fields"].items():
        if only_differences and entry["status"] == "identical":
            continue
        yield label, entry


def value_lines(entry):
    """[(value or None for missing, hosts)] of one field: the groups largest first, then the missing hosts."""
    lines = [(group["value"], group["hosts"]) for group in entry["groups"]]
    if entry["missing"]:
        lines.append((None, entry["missing"]))
    return lines


# ----------------------------------------------------------------------------------------------- text

def render_text(result, only_differences=True, max_value=60, max_hosts=10):
    """A plain-text table for the console: summary line, then field / status / value / hosts rows."""
    check_result(result)
    table = [("FIELD", "STATUS", "VALUE", "HOSTS")]
    for label, entry in rows(result, only_differences):
        first = True
        for value, hosts in value_lines(entry):
            shown = _MISSING_TEXT if value is None else shorten(_one_line(value_text(value)), max_value)
            table.append((clean(label) if first else "", _MARK[entry["status"]] if first else "", shown,
                          host_list(hosts, max_hosts)))
            first = False
    out = [clean(result["summary"])]
    if len(table) > 1:
        widths = [max(len(row[i]) for row in table) for i in range(3)]
        for row in table:
            out.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3])
    for host in result["missing_hosts"]:
        out.append("Missing host %s: %s" % (clean(host), clean(str(result.get("missing_reasons", {}).get(host, "no data")))))
    return "\n".join(line.rstrip() for line in out)


# ------------------------------------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md_text(text):
    """Host-supplied text for Markdown prose or a table cell: markup characters escaped, < and & as entities."""
    text = clean(_one_line(str(text)))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_code(text):
    """A code span that survives any content: fence longer than any backtick run, pipes escaped for tables."""
    text = _one_line(text)
    if not text:
        return "` `"
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    # CommonMark strips one space from each side when both ends are spaces (and not all of it is): pad then too
    pad = " " if "`" in (text[0], text[-1]) or (text[0] == " " == text[-1] and text.strip()) else ""
    return "%s%s%s%s%s" % (fence, pad, text.replace("|", "\\|"), pad, fence)


def render_markdown(result, title=None, max_value=80, max_hosts=20, only_differences=False):
    """A Markdown report: verdict, summary, one table row per field, missing hosts."""
    check_result(result)
    heading = title if title else "Host comparison" + (" (%s)" % _profile_text(result) if result.get("profile") else "")
    out = ["# " + md_text(heading), ""]
    verdict = "IDENTICAL" if result["identical"] else "NOT IDENTICAL"
    summary = result["summary"]
    if summary.startswith(verdict + ":"):
        summary = summary[len(verdict) + 1:].strip()
    out.append("**%s**: %s" % (verdict, md_text(summary)))
    out.append("")
    out.append("Hosts compared (%d): %s" % (len(result["hosts"]), md_text(host_list(result["hosts"], max_hosts)) or "none"))
    out.append("")
    table = ["| Field | Status | Value | Hosts |", "| --- | --- | --- | --- |"]
    for label, entry in rows(result, only_differences):
        first = True
        for value, hosts in value_lines(entry):
            shown = "*missing*" if value is None else md_code(shorten(value_text(value), max_value))
            status = _MARK[entry["status"]]
            status = status if entry["status"] in ("identical", "expected_difference") else "**%s**" % status
            table.append("| %s | %s | %s | %s |" % (
                md_code(clean(label)) if first else "", status if first else "", shown,
                md_text(host_list(hosts, max_hosts))))
            first = False
    if len(table) > 2:
        out.extend(table)
        out.append("")
    if result["missing_hosts"]:
        out.append("## Missing hosts")
        out.append("")
        for host in result["missing_hosts"]:
            out.append("- %s: %s" % (md_text(host), md_text(result.get("missing_reasons", {}).get(host, "no data"))))
        out.append("")
    return "\n".join(out)


def _profile_text(result):
    profile = result.get("profile")
    if isinstance(profile, (list, tuple)):
        return ", ".join(str(p) for p in profile)
    return str(profile)


# ----------------------------------------------------------------------------------------------- HTML

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem;color:#1b1f24;background:#fff}
h1{font-size:1.4rem;margin:0 0 .5rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.verdict{display:inline-block;padding:.25rem .6rem;border-radius:4px;font-weight:700;color:#fff}
.verdict.ok{background:#1a7f37}.verdict.bad{background:#cf222e}
.summary{margin:.5rem 0 1rem;max-width:70rem}
.legend span{display:inline-block;margin-right:1rem;padding:.1rem .4rem;border-radius:3px}
.wrap{overflow-x:auto;max-width:100%;width:fit-content;border:1px solid #d0d7de}
table{border-collapse:collapse;font-size:.85rem}
th,td{border:1px solid #d0d7de;padding:.25rem .45rem;text-align:left;vertical-align:top;white-space:nowrap}
thead th{background:#f6f8fa;position:sticky;top:0}
tbody th{background:#f6f8fa;position:sticky;left:0;font-family:ui-monospace,Consolas,monospace}
td.v{font-family:ui-monospace,Consolas,monospace;max-width:22rem;overflow:hidden;text-overflow:ellipsis}
.same{background:#dafbe1}.odd{background:#ffd8d3;font-weight:700}.split{background:#fff1c2}
.missing{background:#eaeef2;color:#57606a;font-style:italic}.expected{background:#ddf4ff}
.st-identical{color:#1a7f37}.st-different,.st-missing{color:#cf222e;font-weight:700}.st-expected_difference{color:#0969da}
ul.groups{margin:.2rem 0 .8rem;padding-left:1.2rem}code{word-break:break-all;white-space:pre-wrap}
"""

_CELL = {"same": "=", "odd": "\u2260", "split": "~", "missing": "\u2013", "expected": "\u2248"}


def _e(text):
    return html.escape(clean(str(text)), quote=True)


def _cell_class(entry, host, ref):
    if host not in entry["values"]:
        return "missing"
    if entry["status"] == "identical":
        return "same"
    if ref is None:
        return "expected" if entry["expected_difference"] else "split"
    if host in ref:
        return "same"
    return "expected" if entry["expected_difference"] else "odd"


def render_html(result, title=None, max_value=28):
    """A self-contained HTML page: verdict, summary, a field x host grid coloured by state, details, missing hosts."""
    check_result(result)
    heading = title if title else "Host comparison" + (" (%s)" % _profile_text(result) if result.get("profile") else "")
    hosts = result["hosts"]
    ok = result["identical"]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="%s">' % GENERATOR,
        "<title>%s</title>" % _e(heading),
        "<style>%s</style></head><body>" % _CSS,
        "<h1>%s</h1>" % _e(heading),
        '<p><span class="verdict %s">%s</span></p>' % ("ok" if ok else "bad", "IDENTICAL" if ok else "NOT IDENTICAL"),
        '<p class="summary">%s</p>' % _e(result["summary"]),
        '<p class="legend"><span class="same">= same as the reference</span><span class="odd">\u2260 differs</span>'
        '<span class="split">~ no majority</span><span class="expected">\u2248 expected difference</span>'
        '<span class="missing">\u2013 missing</span></p>',
        '<div class="wrap"><table><thead><tr><th scope="col">Field</th><th scope="col">Status</th>',
    ]
    out.extend('<th scope="col">%s</th>' % _e(host) for host in hosts)
    reasons = result.get("missing_reasons", {})
    absent = result["missing_hosts"]  # hosts without data: a grey column each, so they are seen at a glance
    out.extend('<th scope="col" class="missing" title="%s">%s<br><small>no data</small></th>'
               % (_e(reasons.get(host, "no data")), _e(host)) for host in absent)
    absent_cells = "".join('<td class="v missing" title="%s: no data">%s</td>' % (_e(host), _CELL["missing"])
                           for host in absent)
    out.append("</tr></thead><tbody>")
    for label, entry in result["fields"].items():
        reference = reference_hosts(entry)
        status = entry["status"]
        out.append('<tr><th scope="row" title="%s">%s</th><td class="st-%s">%s</td>'
                   % (_e(entry.get("query", "")), _e(label), _e(status), _e(status.replace("_", " "))))
        values = entry["values"]
        for host in hosts:
            css = _cell_class(entry, host, reference)
            if css == "missing":
                out.append('<td class="v missing" title="%s: missing">%s</td>' % (_e(host), _CELL[css]))
                continue
            full = value_text(values[host])
            out.append('<td class="v %s" title="%s">%s %s</td>'
                       % (css, html.escape(full, quote=True), _CELL[css], html.escape(shorten(full, max_value), quote=True)))
        out.append(absent_cells + "</tr>")
    out.append("</tbody></table></div>")
    out.append("<h2>Fields</h2>")
    for label, entry in result["fields"].items():
        out.append('<h3 class="st-%s">%s <small>(%s)</small></h3>'
                   % (_e(entry["status"]), _e(label), _e(entry["status"].replace("_", " "))))
        out.append('<p>Query <code>%s</code></p><ul class="groups">' % _e(entry.get("query", "")))
        for value, group_hosts in value_lines(entry):
            shown = "<em>missing</em>" if value is None else "<code>%s</code>" % html.escape(value_text(value), quote=True)
            out.append("<li>%s \u2014 %s</li>" % (shown, _e(", ".join(group_hosts))))
        out.append("</ul>")
    if result["missing_hosts"]:
        out.append("<h2>Missing hosts</h2><ul>")
        for host in result["missing_hosts"]:
            out.append("<li>%s: %s</li>" % (_e(host), _e(result.get("missing_reasons", {}).get(host, "no data"))))
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------ JUnit XML

def _x(text):
    return clean(str(text))


def _failure_text(label, entry):
    lines = ["%s: %s" % (label, entry["status"].replace("_", " ")), "query: %s" % entry.get("query", "")]
    if entry["reference"] is not None:
        lines.append("reference value: %s" % value_text(entry["reference"]))
    for value, hosts in value_lines(entry):
        lines.append("  %s: %s" % (_MISSING_TEXT if value is None else value_text(value), ", ".join(hosts)))
    if entry["odd_hosts"]:
        lines.append("odd hosts: %s" % ", ".join(entry["odd_hosts"]))
    return _x("\n".join(lines))


def render_junit(result, suite_name=None, classname=None):
    """JUnit XML: one testcase per field (failure when it differs unexpectedly), plus one for missing hosts."""
    check_result(result)
    profile = _profile_text(result) if result.get("profile") else "fields"
    suite_name = suite_name or "hyperv.azlocal.compare_hosts (%s)" % profile
    classname = classname or "hyperv.azlocal.compare_hosts.%s" % profile
    cases = []
    failures = 0
    for label, entry in result["fields"].items():
        case = ET.Element("testcase", {"classname": _x(classname), "name": _x(label), "time": "0"})
        if entry["status"] in ("different", "missing"):
            failures += 1
            message = "%s: %s" % (label, _x(_one_line(_short_reason(entry))))
            failure = ET.SubElement(case, "failure", {"message": _x(message), "type": entry["status"]})
            failure.text = _failure_text(label, entry)
        elif entry["status"] == "expected_difference" or entry["missing"]:
            out = ET.SubElement(case, "system-out")
            out.text = _failure_text(label, entry)
        cases.append(case)
    hosts_case = ET.Element("testcase", {"classname": _x(classname), "name": "hosts with data", "time": "0"})
    if result["missing_hosts"]:
        reasons = result.get("missing_reasons", {})
        text = "\n".join("%s: %s" % (h, reasons.get(h, "no data")) for h in result["missing_hosts"])
        if result.get("allow_missing"):
            ET.SubElement(hosts_case, "system-out").text = _x("missing hosts (allowed):\n" + text)
        else:
            failures += 1
            failure = ET.SubElement(hosts_case, "failure", {
                "message": _x("missing hosts: " + ", ".join(result["missing_hosts"])), "type": "missing_hosts"})
            failure.text = _x(text)
    cases.append(hosts_case)
    attrs = {"name": _x(suite_name), "tests": str(len(cases)), "failures": str(failures), "errors": "0", "time": "0"}
    root = ET.Element("testsuites", attrs)  # the Jenkins JUnit schema allows no 'skipped' here
    suite = ET.SubElement(root, "testsuite", dict(attrs, skipped="0"))
    props = ET.SubElement(suite, "properties")
    for name, value in (("hosts", ", ".join(result["hosts"])), ("profile", profile), ("summary", result["summary"])):
        ET.SubElement(props, "property", {"name": name, "value": _x(value)})
    suite.extend(cases)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _short_reason(entry):
    groups, missing = entry["groups"], entry["missing"]
    if entry["status"] == "missing":
        return "missing on %s" % host_list(missing, 10)
    if entry["reference"] is not None:
        odd = [h for h in entry["odd_hosts"] if h not in missing]
        text = "%s differ%s from %s" % (host_list(odd, 10), "s" if len(odd) == 1 else "",
                                        shorten(value_text(entry["reference"]), 80))
    else:
        text = "no majority, %d values" % len(groups)
    if missing:
        text += "; missing on %s" % host_list(missing, 10)
    return text


# ----------------------------------------------------------------------------------------------- JSON

def render_json(result, indent=2):
    """The comparison as JSON text (ASCII-only, so it is valid whatever the hosts returned)."""
    check_result(result)
    if indent is not None and (not isinstance(indent, int) or isinstance(indent, bool) or indent < 0):
        raise TypeError("indent must be a non-negative integer or null, got %r" % (indent,))
    return json.dumps(result, indent=indent, ensure_ascii=True, default=str) + "\n"
