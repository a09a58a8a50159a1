# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Render a compare_hosts result as text, Markdown, HTML, JUnit XML or JSON. PRIVATE to the collection.

Every format shows every field status (identical, different, expected difference, missing, no data, single host)
for what it is: a field without data is never drawn as agreement, and in JUnit it is a failure. Every report says
which profile was compared and when, when each host was observed, why hosts are missing, and carries an optional
notice (for example that the data is SAMPLE data).

Every string that comes from a host (names, values, reasons) is untrusted: it is escaped for the target format,
and characters that could break a line, a row or well-formedness, or reorder the text on screen, are shown as
visible escapes such as \\x0a or \\u202e (plugin_utils/_text.py).
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping

from ._compare import COMPARISON_KEYS, PASSING, RESULT_KEYS, is_comparison
from ._text import clean, strict_json, visible

__all__ = ["GENERATOR", "check_result", "clean", "host_list", "md_code", "md_text", "reference_hosts", "render_html",
           "render_json", "render_junit", "render_markdown", "render_text", "shorten", "value_text", "visible"]

GENERATOR = "hyperv.azlocal"
_MARK = {"identical": "identical", "different": "DIFFERENT", "missing": "MISSING", "expected_difference": "expected",
         "no_data": "NO DATA", "single_host": "SINGLE HOST"}
_MISSING_TEXT = "(missing)"
_UNKNOWN_TIME = "unknown"


def check_result(result):
    """The renderers take the result of compare_hosts (or of assert_identical) and nothing else."""
    if not is_comparison(result):
        got = "a dict without the keys %s" % ", ".join(sorted(RESULT_KEYS)) if isinstance(result, Mapping) \
            else "a %s" % type(result).__name__
        raise TypeError("expected the result of hyperv.azlocal.compare_hosts, got %s" % got)
    return result


def _check_notice(notice):
    if notice is not None and not isinstance(notice, str):
        raise TypeError("notice must be a string, got %r" % (notice,))
    return notice or None


def reference_hosts(entry):
    """The hosts of the reference group of a field (None when there is no reference: a split or no value)."""
    if entry["reference"] is None:
        return None
    odd = set(entry["odd_hosts"])
    for group in entry["groups"]:
        if not odd.intersection(group["hosts"]):
            return set(group["hosts"])
    return None  # pragma: no cover - a result from compare_hosts always has one


def value_text(value):
    """A value as one line of text: strings as they are, everything else as compact JSON; controls escaped."""
    if isinstance(value, str):
        text = value
    else:
        try:
            text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(", ", ": "), default=str)
        except (TypeError, ValueError):
            text = repr(value)
    return visible(text)


def shorten(text, limit):
    """At most `limit` characters, with an ellipsis when cut; limit 0 or None keeps everything."""
    if not limit or len(text) <= limit:
        return text
    return text[:max(limit - 1, 1)] + "\u2026"


def host_list(hosts, limit=None):
    """'a, b, c and 5 more' (names shown with visible escapes)."""
    hosts = [visible(str(h)) for h in hosts]
    if limit and len(hosts) > limit:
        return ", ".join(hosts[:limit]) + " and %d more" % (len(hosts) - limit)
    return ", ".join(hosts)


def rows(result, only_differences=False):
    """(label, entry) for the fields to show: all of them, or only those not identical."""
    for label, entry in result["fields"].items():
        if only_differences and entry["status"] == "identical":
            continue
        yield label, entry


def value_lines(entry):
    """[(value or None for missing, hosts)] of one field: the groups largest first, then the missing hosts."""
    lines = [(group["value"], group["hosts"]) for group in entry["groups"]]
    if entry["missing"] or not lines:  # a field of a comparison without hosts still gets its row
        lines.append((None, entry["missing"]))
    return lines


def _profile_text(result):
    profile = result.get("profile")
    if isinstance(profile, (list, tuple)):
        return ", ".join(str(p) for p in profile)
    return str(profile)


def _observed(result):
    """{host: observation time or None} of the compared hosts (older results without it: all unknown)."""
    observed = result.get("observed_at") or {}
    return {host: observed.get(host) for host in result["hosts"]}


def observation_range(result):
    """'observed 2026-11-30T10:41:07Z to 2026-11-30T10:42:11Z (2 hosts at an unknown time)', or '' without hosts."""
    times = _observed(result)
    if not times:
        return ""
    known = sorted(t for t in times.values() if t)
    unknown = len(times) - len(known)
    if not known:
        return "observed at an unknown time"
    text = "observed %s" % visible(known[0]) if known[0] == known[-1] else \
        "observed %s to %s" % (visible(known[0]), visible(known[-1]))
    if unknown:
        text += " (%d host%s at an unknown time)" % (unknown, "" if unknown == 1 else "s")
    return text


def metadata_line(result):
    """'Profile kernel, compared 2026-11-30T10:45:00Z, hosts observed ...' - what and when, for every format."""
    parts = ["Profile %s" % visible(_profile_text(result)) if result.get("profile") else "Own fields"]
    if result.get("compared_at"):
        parts.append("compared %s" % visible(str(result["compared_at"])))
    observed = observation_range(result)
    if observed:
        parts.append("hosts " + observed)
    return ", ".join(parts)


def _reasons(result):
    reasons = result.get("missing_reasons") or {}
    return [(host, str(reasons.get(host, "no data"))) for host in result["missing_hosts"]]


# ----------------------------------------------------------------------------------------------- text

def render_text(result, only_differences=True, max_value=60, max_hosts=10, notice=None):
    """A plain-text table for the console: summary line, then field / status / value / hosts rows."""
    check_result(result)
    notice = _check_notice(notice)
    table = [("FIELD", "STATUS", "VALUE", "HOSTS")]
    for label, entry in rows(result, only_differences):
        first = True
        for value, hosts in value_lines(entry):
            shown = _MISSING_TEXT if value is None else shorten(value_text(value), max_value)
            table.append((visible(str(label)) if first else "", _MARK[entry["status"]] if first else "", shown,
                          host_list(hosts, max_hosts)))
            first = False
    out = ["NOTICE: " + visible(notice)] if notice else []
    out.append(visible(result["summary"]))
    out.append(metadata_line(result) + ".")
    if len(table) > 1:
        widths = [max(len(row[i]) for row in table) for i in range(3)]
        for row in table:
            out.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3])
    for host, reason in _reasons(result):
        out.append("Missing host %s: %s" % (visible(host), visible(reason)))
    for host, note in (result.get("notes") or {}).items():
        out.append("Note on %s: %s" % (visible(host), visible(str(note))))
    for host, errors in (result.get("probe_errors") or {}).items():
        out.append("Probe errors on %s: %s" % (visible(host), visible("; ".join(str(e) for e in errors))))
    return "\n".join(line.rstrip() for line in out)


# ------------------------------------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md_text(text):
    """Host-supplied text for Markdown prose or a table cell: one line, markup characters escaped, < and & as entities."""
    text = visible(str(text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_code(text):
    """A code span that survives any content: one line, fence longer than any backtick run, pipes escaped."""
    text = visible(str(text))
    if not text:
        return "` `"
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    # CommonMark strips one space from each side when both ends are spaces (and not all of it is): pad then too
    pad = " " if "`" in (text[0], text[-1]) or (text[0] == " " == text[-1] and text.strip()) else ""
    return "%s%s%s%s%s" % (fence, pad, text.replace("|", "\\|"), pad, fence)


def _heading(result, title):
    return title if title else "Host comparison" + (" (%s)" % _profile_text(result) if result.get("profile") else "")


def render_markdown(result, title=None, max_value=80, max_hosts=20, only_differences=False, notice=None):
    """A Markdown report: notice, verdict, summary, what and when, one table row per field value, hosts, missing hosts."""
    check_result(result)
    notice = _check_notice(notice)
    out = ["# " + md_text(_heading(result, title)), ""]
    if notice:
        out.extend(["> **%s**" % md_text(notice), ""])
    verdict = "IDENTICAL" if result["identical"] else "NOT IDENTICAL"
    summary = result["summary"]
    if summary.startswith(verdict + ":"):
        summary = summary[len(verdict) + 1:].strip()
    out.append("**%s**: %s" % (verdict, md_text(summary)))
    out.append("")
    out.append(md_text(metadata_line(result)) + ".")
    out.append("")
    out.append("Hosts compared (%d): %s" % (len(result["hosts"]), md_text(host_list(result["hosts"], max_hosts)) or "none"))
    out.append("")
    table = ["| Field | Status | Value | Hosts |", "| --- | --- | --- | --- |"]
    for label, entry in rows(result, only_differences):
        first = True
        for value, hosts in value_lines(entry):
            shown = "*missing*" if value is None else md_code(shorten(value_text(value), max_value))
            status = _MARK[entry["status"]]
            status = status if entry["status"] in PASSING else "**%s**" % status
            table.append("| %s | %s | %s | %s |" % (
                md_code(label) if first else "", status if first else "", shown, md_text(host_list(hosts, max_hosts))))
            first = False
    if len(table) > 2:
        out.extend(table)
        out.append("")
    if result["hosts"]:
        notes = result.get("notes") or {}
        out.extend(["## Hosts", "", "| Host | Observed at | Note |", "| --- | --- | --- |"])
        for host, seen in _observed(result).items():
            out.append("| %s | %s | %s |" % (md_text(host), md_text(seen or _UNKNOWN_TIME), md_text(notes.get(host, ""))))
        out.append("")
    if result["missing_hosts"]:
        out.append("## Missing hosts")
        out.append("")
        for host, reason in _reasons(result):
            out.append("- %s: %s" % (md_text(host), md_text(reason)))
        out.append("")
    errors = result.get("probe_errors") or {}
    if errors:
        out.extend(["## Probe errors", ""])
        for host, found in errors.items():
            out.append("- %s: %s" % (md_text(host), md_text("; ".join(str(e) for e in found))))
        out.append("")
    return "\n".join(out)


# ----------------------------------------------------------------------------------------------- HTML

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5rem;color:#1b1f24;background:#fff}
h1{font-size:1.4rem;margin:0 0 .5rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.verdict{display:inline-block;padding:.25rem .6rem;border-radius:4px;font-weight:700;color:#fff}
.verdict.ok{background:#1a7f37}.verdict.bad{background:#cf222e}
.notice{border:2px solid #9a6700;background:#fff8c5;padding:.4rem .6rem;font-weight:700;max-width:70rem}
.summary{margin:.5rem 0 1rem;max-width:70rem}.meta{color:#57606a}
.legend span{display:inline-block;margin-right:1rem;padding:.1rem .4rem;border-radius:3px}
.wrap{overflow-x:auto;max-width:100%;width:fit-content;border:1px solid #d0d7de}
table{border-collapse:collapse;font-size:.85rem}
th,td{border:1px solid #d0d7de;padding:.25rem .45rem;text-align:left;vertical-align:top;white-space:nowrap}
thead th{background:#f6f8fa;position:sticky;top:0}
tbody th{background:#f6f8fa;position:sticky;left:0;font-family:ui-monospace,Consolas,monospace}
td.v{font-family:ui-monospace,Consolas,monospace;max-width:22rem;overflow:hidden;text-overflow:ellipsis}
td.t{font-size:.75rem;color:#57606a}
.same{background:#dafbe1}.odd{background:#ffd8d3;font-weight:700}.split{background:#fff1c2}
.missing{background:#eaeef2;color:#57606a;font-style:italic}.expected{background:#ddf4ff}
.st-identical{color:#1a7f37}.st-expected_difference{color:#0969da}
.st-different,.st-missing,.st-no_data,.st-single_host{color:#cf222e;font-weight:700}
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


def render_html(result, title=None, max_value=28, notice=None):
    """A self-contained HTML page: notice, verdict, summary, a field x host grid coloured by state, details, hosts."""
    check_result(result)
    notice = _check_notice(notice)
    heading = _heading(result, title)
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
    ]
    if notice:
        out.append('<p class="notice">%s</p>' % _e(visible(notice)))
    out.extend([
        '<p><span class="verdict %s">%s</span></p>' % ("ok" if ok else "bad", "IDENTICAL" if ok else "NOT IDENTICAL"),
        '<p class="summary">%s</p>' % _e(result["summary"]),
        '<p class="meta">%s.</p>' % _e(metadata_line(result)),
        '<p class="legend"><span class="same">= same as the reference</span><span class="odd">\u2260 differs</span>'
        '<span class="split">~ no majority</span><span class="expected">\u2248 expected difference</span>'
        '<span class="missing">\u2013 no value (a field no host has is NO DATA, never identical)</span></p>',
        '<div class="wrap"><table><thead><tr><th scope="col">Field</th><th scope="col">Status</th>',
    ])
    out.extend('<th scope="col">%s</th>' % _e(visible(host)) for host in hosts)
    absent = _reasons(result)  # hosts without data: a grey column each, so they are seen at a glance
    out.extend('<th scope="col" class="missing" title="%s">%s<br><small>no data</small></th>'
               % (_e(visible(reason)), _e(visible(host))) for host, reason in absent)
    absent_cells = "".join('<td class="v missing" title="%s: no data">%s</td>' % (_e(visible(host)), _CELL["missing"])
                           for host, _reason in absent)
    out.append("</tr>")
    observed = _observed(result)
    out.append('<tr><th scope="row">observed at</th><td></td>%s%s</tr>' % (
        "".join('<td class="t">%s</td>' % _e(visible(observed[host] or _UNKNOWN_TIME)) for host in hosts),
        "".join('<td class="t missing">\u2013</td>' for _host in absent)))
    out.append("</thead><tbody>")
    for label, entry in result["fields"].items():
        reference = reference_hosts(entry)
        status = entry["status"]
        out.append('<tr><th scope="row" title="%s">%s</th><td class="st-%s">%s</td>'
                   % (_e(visible(entry.get("query", ""))), _e(visible(label)), _e(status), _e(_MARK[status])))
        values = entry["values"]
        for host in hosts:
            css = _cell_class(entry, host, reference)
            if css == "missing":
                out.append('<td class="v missing" title="%s: no value">%s</td>' % (_e(visible(host)), _CELL[css]))
                continue
            full = value_text(values[host])
            out.append('<td class="v %s" title="%s">%s %s</td>'
                       % (css, _e(full), _CELL[css], _e(shorten(full, max_value))))
        out.append(absent_cells + "</tr>")
    out.append("</tbody></table></div>")
    out.append("<h2>Fields</h2>")
    for label, entry in result["fields"].items():
        out.append('<h3 class="st-%s">%s <small>(%s)</small></h3>'
                   % (_e(entry["status"]), _e(visible(label)), _e(_MARK[entry["status"]])))
        out.append('<p>Query <code>%s</code></p><ul class="groups">' % _e(visible(entry.get("query", ""))))
        for value, group_hosts in value_lines(entry):
            shown = "<em>no value</em>" if value is None else "<code>%s</code>" % _e(value_text(value))
            out.append("<li>%s \u2014 %s</li>" % (shown, _e(host_list(group_hosts))))
        out.append("</ul>")
    notes = result.get("notes") or {}
    if notes:
        out.append("<h2>Notes</h2><ul>")
        out.extend("<li>%s: %s</li>" % (_e(visible(host)), _e(visible(str(note)))) for host, note in notes.items())
        out.append("</ul>")
    if absent:
        out.append("<h2>Missing hosts</h2><ul>")
        out.extend("<li>%s: %s</li>" % (_e(visible(host)), _e(visible(reason))) for host, reason in absent)
        out.append("</ul>")
    errors = result.get("probe_errors") or {}
    if errors:
        out.append("<h2>Probe errors</h2><ul>")
        out.extend("<li>%s: %s</li>" % (_e(visible(host)), _e(visible("; ".join(str(e) for e in found))))
                   for host, found in errors.items())
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------ JUnit XML

def _x(text):
    return clean(str(text))


def _failure_text(label, entry):
    lines = ["%s: %s" % (visible(label), _MARK[entry["status"]]), "query: %s" % visible(entry.get("query", ""))]
    if entry["status"] == "no_data":
        lines.append("no compared host has a value")
    if entry["reference"] is not None:
        lines.append("reference value: %s" % value_text(entry["reference"]))
    for value, hosts in value_lines(entry):
        lines.append("  %s: %s" % (_MISSING_TEXT if value is None else value_text(value), host_list(hosts)))
    if entry["odd_hosts"]:
        lines.append("odd hosts: %s" % host_list(entry["odd_hosts"]))
    return _x("\n".join(lines))


def _hosts_case(result, classname):
    """The 'hosts with data' test case: fails when fewer than two hosts have data or hosts are missing (unless allowed)."""
    case = ET.Element("testcase", {"classname": _x(classname), "name": "hosts with data", "time": "0"})
    observed = _observed(result)
    lines = ["%s: observed at %s" % (visible(host), visible(seen or _UNKNOWN_TIME)) for host, seen in observed.items()]
    lines += ["%s: note: %s" % (visible(host), visible(str(note))) for host, note in (result.get("notes") or {}).items()]
    lines += ["%s: probe errors: %s" % (visible(host), visible("; ".join(str(e) for e in found)))
              for host, found in (result.get("probe_errors") or {}).items()]
    missing = "\n".join("%s: %s" % (visible(host), visible(reason)) for host, reason in _reasons(result))
    failed = False
    if len(result["hosts"]) < 2:
        failed = True
        failure = ET.SubElement(case, "failure", {
            "message": _x("%d host%s with data; a comparison needs at least two"
                          % (len(result["hosts"]), "" if len(result["hosts"]) == 1 else "s")),
            "type": "too_few_hosts"})
        failure.text = _x("hosts with data: %s\nmissing hosts:\n%s" % (host_list(result["hosts"]) or "none",
                                                                       missing or "none"))
    elif result["missing_hosts"] and not result.get("allow_missing"):
        failed = True
        failure = ET.SubElement(case, "failure", {
            "message": _x("missing hosts: " + host_list(result["missing_hosts"])), "type": "missing_hosts"})
        failure.text = _x(missing)
    elif result["missing_hosts"]:
        lines.append("missing hosts (allowed):\n" + missing)
    if lines:
        ET.SubElement(case, "system-out").text = _x("\n".join(lines))
    return case, failed


def render_junit(result, suite_name=None, classname=None, notice=None):
    """JUnit XML: one testcase per field (a failure unless identical or an expected difference), plus one for hosts."""
    check_result(result)
    notice = _check_notice(notice)
    profile = _profile_text(result) if result.get("profile") else "fields"
    suite_name = suite_name or "hyperv.azlocal.compare_hosts (%s)" % profile
    classname = classname or "hyperv.azlocal.compare_hosts.%s" % profile
    cases = []
    failures = 0
    for label, entry in result["fields"].items():
        case = ET.Element("testcase", {"classname": _x(classname), "name": _x(visible(label)), "time": "0"})
        if entry["status"] not in PASSING:
            failures += 1
            message = "%s: %s" % (visible(label), _short_reason(entry))
            failure = ET.SubElement(case, "failure", {"message": _x(message), "type": entry["status"]})
            failure.text = _failure_text(label, entry)
        elif entry["status"] == "expected_difference" or entry["missing"]:
            ET.SubElement(case, "system-out").text = _failure_text(label, entry)
        cases.append(case)
    hosts_case, failed = _hosts_case(result, classname)
    failures += failed
    cases.append(hosts_case)
    attrs = {"name": _x(suite_name), "tests": str(len(cases)), "failures": str(failures), "errors": "0", "time": "0"}
    if result.get("compared_at"):
        attrs["timestamp"] = _x(str(result["compared_at"]).rstrip("Z"))  # the schema's timestamp has no zone
    root = ET.Element("testsuites", {k: v for k, v in attrs.items() if k != "timestamp"})
    suite = ET.SubElement(root, "testsuite", dict(attrs, skipped="0"))  # the Jenkins JUnit schema: no 'skipped' above
    props = ET.SubElement(suite, "properties")
    properties = [("hosts", host_list(result["hosts"])), ("profile", profile), ("summary", visible(result["summary"])),
                  ("compared_at", str(result.get("compared_at") or "")), ("observed", observation_range(result))]
    if notice:
        properties.insert(0, ("notice", visible(notice)))
    for name, value in properties:
        ET.SubElement(props, "property", {"name": name, "value": _x(value)})
    suite.extend(cases)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _short_reason(entry):
    groups, missing, status = entry["groups"], entry["missing"], entry["status"]
    if status == "no_data":
        return "no compared host has a value"
    if status == "single_host":
        return "only one host has data"
    if status == "missing":
        text = "missing on %s" % host_list(missing, 10)
        if len(entry["values"]) == 1:
            text += "; only %s has a value" % host_list(entry["values"])
        return text
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

def render_json(result, indent=2, notice=None):
    """The comparison as strict JSON text (ASCII-only; lone surrogates shown as escapes), with the notice if given."""
    check_result(result)
    notice = _check_notice(notice)
    if indent is not None and (not isinstance(indent, int) or isinstance(indent, bool) or indent < 0):
        raise TypeError("indent must be a non-negative integer or null, got %r" % (indent,))
    # the comparison only: a registered assert_identical result also holds its msg, table, changed and failed
    notice = notice or result.get("notice")  # a report read back keeps its notice
    document = {"notice": notice} if notice else {}
    document.update((key, result[key]) for key in COMPARISON_KEYS if key in result)
    return json.dumps(strict_json(document), indent=indent, ensure_ascii=True, allow_nan=False, default=str) + "\n"
