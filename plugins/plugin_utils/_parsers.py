# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Parsers for text that administrators already collect: ``cmd /c ver`` and ``systeminfo``.

PRIVATE to the collection. Pure functions; they raise TypeError/ValueError with a message that says what is
wrong, and the filter plugins turn those into AnsibleFilterError.

The output of both parsers is accepted by _identity.host_identity, so a host known only from captured text
can be compared with a host gathered live by hyperv.azlocal.host_facts.

systeminfo is read the way a person reads it, never by fixed columns: the label column is 31 characters wide
on 26100-era builds (the longest label, "Virtualization-based security:", arrived with them) and 27 on older
builds, captures are often indented, wrapped by the console or surrounded by prompts and other output.
"""

from __future__ import annotations

import csv
import re

# `ver` prints "Microsoft Windows [Version 10.0.26100.4349]"; the word "Version" is localized
# ("Versión", "版本"), so anything but digits and "]" may stand between the bracket and the number.
_VER_RE = re.compile(r"Microsoft Windows\s*\[[^\]\d]*?(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?\s*\]")

# Labels systeminfo prints (English), longest first so "Virtual Memory: Max Size" wins over a generic split
# at its first colon. Labels not listed here are still parsed (see _GENERIC_LABEL_RE).
SYSTEMINFO_LABELS = (
    "Host Name", "OS Name", "OS Version", "OS Manufacturer", "OS Configuration", "OS Build Type",
    "Registered Owner", "Registered Organization", "Product ID", "Original Install Date", "System Boot Time",
    "System Manufacturer", "System Model", "System Type", "Processor(s)", "BIOS Version", "Windows Directory",
    "System Directory", "Boot Device", "System Locale", "Input Locale", "Time Zone", "Total Physical Memory",
    "Available Physical Memory", "Virtual Memory: Max Size", "Virtual Memory: Available",
    "Virtual Memory: In Use", "Page File Location(s)", "Domain", "Logon Server", "Hotfix(s)", "Network Card(s)",
    "Virtualization-based security", "Hyper-V Requirements",
)
_CANONICAL_LABELS = {label.lower(): label for label in SYSTEMINFO_LABELS}
_KNOWN_LABEL_RE = re.compile(r"^(%s):(?:\s+(.*))?$" % "|".join(
    re.escape(label) for label in sorted(SYSTEMINFO_LABELS, key=len, reverse=True)), re.IGNORECASE)

# Fields whose value is a list of lines (or, in CSV, of comma-separated items) on every host.
SYSTEMINFO_LIST_FIELDS = frozenset((
    "Processor(s)", "Page File Location(s)", "Hotfix(s)", "Network Card(s)", "Virtualization-based security",
    "Hyper-V Requirements",
))

# Key names that the generic snake_case rule would get wrong.
_KEY_OVERRIDES = {"Hotfix(s)": "hotfixes"}

# Keys the parser adds itself.
_OWN_KEYS = ("source", "format", "build")

_GENERIC_LABEL_RE = re.compile(r"^(?P<label>[A-Z][A-Za-z0-9 ()/.\-]{0,45}?):(?:\s+(?P<value>.*))?$")
_COUNT_RE = re.compile(r"^\d+\s+\S.*\bInstalled\.?$")
_ITEM_RE = re.compile(r"^\[\d+\]:\s*")
_PROMPT_RE = re.compile(
    r"^\s*(?:\[[^\]]+\]:\s*)?PS [^>]*>"      # PowerShell, also remoting "[node1]: PS C:\>"
    r"|^\s*[A-Za-z]:\\[^>]*>"                # cmd.exe "C:\Users\x>"
    r"|^\s*\S+@\S+[:~][^$#]*[$#](?:\s|$)"    # a POSIX shell prompt "user@host:~$"
)
_CONSOLE_WIDTHS = frozenset(list(range(60, 301, 10)) + [132])
_FENCE_RE = re.compile(r"^(?:```|~~~|---|===)")  # Markdown fences and rules around pasted output
_OS_VERSION_RE = re.compile(r"^\s*(\d+)\.(\d+)\.(\d+)(?:\.\d+)?\b(?:.*?\b(\d{4,6})\s*$)?")


def _require_text(value, what):
    if isinstance(value, bytes):
        raise TypeError("%s expects text, got bytes; decode it first" % what)
    if not isinstance(value, str):
        raise TypeError("%s expects the text printed by the command, got %s" % (what, type(value).__name__))
    return value


def parse_ver(text):
    """Parse the output of ``cmd /c ver`` (prompts and other lines around it are ignored).

    Returns a dict: source ("ver"), ver_string (the line as printed), version ("10.0.26100.4349"), major,
    minor, build and ubr (ints; ubr None when ver printed no revision, as on Windows 7).
    Raises ValueError when no version line is found, or when the text holds different versions.
    """
    _require_text(text, "parse_ver")
    found = {}
    for match in _VER_RE.finditer(text):
        found.setdefault(match.groups(), match.group(0).strip())
    if not found:
        raise ValueError("parse_ver: no 'Microsoft Windows [Version <major>.<minor>.<build>.<ubr>]' line in the text")
    if len(found) > 1:
        raise ValueError("parse_ver: the text holds %d different versions (%s); pass the output of one host"
                         % (len(found), ", ".join(_dotted(groups) for groups in found)))
    groups, line = next(iter(found.items()))
    major, minor, build, ubr = groups
    return {
        "source": "ver",
        "ver_string": line,
        "version": _dotted(groups),
        "major": int(major),
        "minor": int(minor),
        "build": int(build),
        "ubr": int(ubr) if ubr is not None else None,
    }


def _dotted(groups):
    return ".".join(part for part in groups if part is not None)


def systeminfo_key(label):
    """The snake_case key of a systeminfo label: "Processor(s)" -> processors, "OS Name" -> os_name."""
    label = label.strip()
    if label in _KEY_OVERRIDES:
        return _KEY_OVERRIDES[label]
    text = label.replace("(s)", "s").replace("(es)", "es")
    return re.sub(r"[^0-9A-Za-z]+", "_", text).strip("_").lower()


def _match_label(stripped):
    """(label, value) when the line starts a systeminfo field, else None."""
    match = _KNOWN_LABEL_RE.match(stripped)
    if match:
        return _CANONICAL_LABELS[match.group(1).lower()], (match.group(2) or "").strip()
    match = _GENERIC_LABEL_RE.match(stripped)
    if match:
        return match.group("label").strip(), (match.group("value") or "").strip()
    return None


def _indent(line):
    return len(line) - len(line.lstrip(" "))


def _wrap_joiner(previous, line, width):
    """How to join a line that the console or an editor wrapped to the previous one.

    A console cuts at its exact width, often inside a word: a previous line that is the longest of the text,
    ends at a usual console width (80, 100, 120, 132 ...) and is followed by no space is joined without a
    separator. Anything else was wrapped between words and is joined with one space.
    """
    cut_by_console = (len(previous) == width and width in _CONSOLE_WIDTHS and not previous.endswith(" ")
                      and not line.startswith(" "))
    return "" if cut_by_console else " "


def _list_blocks(lines):
    """Split the list form into fields: a list of (label, [value lines]) per systeminfo output found."""
    width = max((len(line) for line in lines), default=0)
    outputs = []
    fields = None
    label_indent = 0
    item_indent = 1  # lines indented at least this much continue the current field
    previous = None  # the previous raw line when it belonged to the current output, else None
    for raw in lines:
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            previous = None
            continue
        if _PROMPT_RE.match(line):
            fields, previous = None, None
            continue
        field = _match_label(stripped)
        if field and field[0].lower() == "host name":
            fields = [(field[0], [field[1]])]
            outputs.append(fields)
            label_indent = _indent(line)
            # Continuation lines stand under the values; a line less than halfway there was wrapped.
            value_column = len(line) - len(field[1]) if field[1] else label_indent + 2
            item_indent = label_indent + max(1, (value_column - label_indent) // 2)
            previous = raw
            continue
        if fields is None:
            continue
        indent = _indent(line)
        if indent >= item_indent:
            fields[-1][1].append(stripped)
        elif field and (indent == label_indent or field[0] in SYSTEMINFO_LABELS):
            fields.append((field[0], [field[1]]))
        elif previous is not None and not _FENCE_RE.match(stripped):
            last = fields[-1][1]
            joiner = _wrap_joiner(previous.rstrip("\r\n"), line, width)
            last[-1] = (last[-1] + joiner + stripped) if last[-1] else stripped
        else:
            fields = None
            continue
        previous = raw
    return outputs


def _csv_blocks(lines):
    """Fields of the /fo csv form: a list of (label, [items]) per data row."""
    outputs = []
    header = None
    buffer = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if header is None:
            if line.startswith('"') and '"Host Name"' in line and '"OS Name"' in line:
                header = next(csv.reader([line]))
            continue
        if _PROMPT_RE.match(raw):
            if buffer:
                raise ValueError("parse_systeminfo: a CSV row ends before its %d columns" % len(header))
            header = None
            continue
        if not buffer and not line.startswith('"'):
            header = None  # other output after the CSV rows
            continue
        buffer += line  # rows that the console wrapped are joined back without a separator
        row = next(csv.reader([buffer]))
        if len(row) < len(header):
            continue
        if len(row) > len(header):
            raise ValueError("parse_systeminfo: a CSV row has %d columns but the header has %d"
                             % (len(row), len(header)))
        outputs.append([(label, _csv_items(label, value)) for label, value in zip(header, row)])
        buffer = ""
    if header is not None and buffer:
        raise ValueError("parse_systeminfo: the last CSV row has fewer columns than its header (%d)" % len(header))
    return outputs


def _csv_items(label, value):
    if label in SYSTEMINFO_LIST_FIELDS:
        return [item.strip() for item in value.split(",")]
    return [value.strip()]


def _field_value(label, lines):
    if label in SYSTEMINFO_LIST_FIELDS:
        items = []
        for index, item in enumerate(lines):
            if not item or (index == 0 and _COUNT_RE.match(item)):
                continue
            items.append(_ITEM_RE.sub("", item))
        return items
    values = [line for line in lines if line]
    if len(values) <= 1 and len(lines) <= 1:
        return lines[0] if lines else ""
    return values


def _os_build(os_version):
    match = _OS_VERSION_RE.match(os_version)
    if not match:
        raise ValueError("parse_systeminfo: OS Version '%s' holds no build number (expected like "
                         "'10.0.26100 N/A Build 26100')" % os_version)
    return int(match.group(4) or match.group(3))


def parse_systeminfo(text):
    """Parse ``systeminfo`` output, list form (default, ``/fo list``) or ``/fo csv`` with its header.

    Returns a dict with one snake_case key per label ("OS Name" -> os_name, "Hotfix(s)" -> hotfixes),
    values as printed; multi-line fields (processors, hotfixes, network cards, page files, Hyper-V
    requirements, virtualization-based security) are lists without the "N ... Installed." count line and
    without the "[01]:" item numbers. Added keys: source ("systeminfo"), format ("list" or "csv") and build
    (int from OS Version, None when the output has no OS Version).
    Raises ValueError when no systeminfo output is found or the text holds the output of several hosts.
    """
    _require_text(text, "parse_systeminfo")
    lines = text.replace("\ufeff", "").expandtabs(8).splitlines()
    outputs, form = _list_blocks(lines), "list"
    if not outputs:
        outputs, form = _csv_blocks(lines), "csv"
    if not outputs:
        raise ValueError("parse_systeminfo: no systeminfo output in the text (expected a 'Host Name:' line of the "
                         "list form or a '\"Host Name\",\"OS Name\",...' header of /fo csv; the table form and "
                         "non-English labels are not supported)")
    if len(outputs) > 1:
        names = [fields[0][1][0] if fields[0][1] else "?" for fields in outputs]
        raise ValueError("parse_systeminfo: the text holds the output of %d hosts (%s); pass one at a time"
                         % (len(outputs), ", ".join(names)))
    result = {"source": "systeminfo", "format": form}
    for label, lines_of_field in outputs[0]:
        key = systeminfo_key(label)
        if key in _OWN_KEYS:
            key = "label_" + key
        result[key] = _field_value(label, lines_of_field)
    os_version = result.get("os_version")
    result["build"] = _os_build(os_version) if isinstance(os_version, str) and os_version else None
    return result
