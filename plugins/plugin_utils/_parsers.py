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

from ._winraw import parse_windows_version

# `ver` prints "Microsoft Windows [Version 10.0.26100.4349]"; the word "Version" is localized
# ("Versione", "Versión", "版本"), so a few characters other than digits and "]" may stand between the
# bracket and the number. Bounded, so the search stays linear on any input.
_VER_RE = re.compile(r"Microsoft Windows\s{0,4}\[[^\]\d\n]{0,40}?(\d{1,5}\.\d{1,5}\.\d{1,6}(?:\.\d{1,6})?)\s{0,4}\]")

# Labels systeminfo prints (English), longest first so "Virtual Memory: Max Size" wins over a generic split
# at its first colon. Labels not listed here are still parsed (see _GENERIC_LABEL_RE) once a known label
# has shown that the text is systeminfo output.
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

# Keys the parsers add themselves; a label or property of the same name is kept under a prefix.
_OWN_KEYS = ("source", "format", "build", "partial", "skipped")

_GENERIC_LABEL_RE = re.compile(r"^(?P<label>[A-Z][A-Za-z0-9 ()/.\-]{0,45}?):(?:\s+(?P<value>.*))?$")
_COUNT_RE = re.compile(r"^\d+\s+\S.*\bInstalled\.?$")
_ITEM_RE = re.compile(r"^\[\d+\]:\s*")
# Prompts end a captured output. Every class excludes the character that ends it, so no pattern can try
# more than one split of a line: a 1 MB line is read in one pass.
_PROMPT_RE = re.compile(
    r"^\s*(?:\[[^\]]+\]:\s*)?PS [^>]*>"           # PowerShell, also remoting "[node1]: PS C:\>"
    r"|^\s*\*Evil-WinRM\* PS [^>]*>"               # evil-winrm sessions pasted into issues
    r"|^\s*[A-Za-z]:\\[^>]*>"                      # cmd.exe "C:\Users\x>"
    r"|^\s*[^\s@]+@[^\s@:~]+[:~][^$#]*[$#](?:\s|$)"  # a POSIX shell prompt "user@host:~$"
)
# Lines that stand for output someone cut out: "====SNIPPED====", "...", "…", "[...]", "<snip>",
# "...snipped...". The output goes on after them; the fields they replaced are unknown.
_ELISION_RE = re.compile(
    r"^[=\-~*#_ .\[\](){}<>]{0,80}(?:snip(?:ped)?|cut|truncated|omitted|elided)(?:[=\-~*#_ .\[\](){}<>]{1,80}"
    r"(?:snip(?:ped)?|cut|truncated|omitted|elided))*[=\-~*#_ .\[\](){}<>]{0,80}$"
    r"|^\[?(?:\.{3,}|…)\]?$",
    re.IGNORECASE)
_CONSOLE_WIDTHS = frozenset(list(range(60, 301, 10)) + [132])
_FENCE_RE = re.compile(r"^(?:```|~~~|---|===)")  # Markdown fences and rules around pasted output


def _require_text(value, what):
    if isinstance(value, bytes):
        raise TypeError("%s expects text, got bytes; decode it first" % what)
    if not isinstance(value, str):
        raise TypeError("%s expects the text printed by the command, got %s" % (what, type(value).__name__))
    return value


def parse_ver(text):
    """Parse the output of ``cmd /c ver`` (prompts and other lines around it are ignored).

    Returns a dict: source ("ver"), ver_string (the line exactly as printed, localized word included),
    version ("10.0.26100.4349"), major, minor, build and ubr (ints; ubr None when ver printed no revision,
    as on Windows 7). Raises ValueError when no version line is found, or when the text holds different versions.
    """
    _require_text(text, "parse_ver")
    found = {}
    for match in _VER_RE.finditer(text):
        found.setdefault(match.group(1), match.group(0).strip())
    if not found:
        raise ValueError("parse_ver: no 'Microsoft Windows [Version <major>.<minor>.<build>.<ubr>]' line in the text")
    if len(found) > 1:
        raise ValueError("parse_ver: the text holds %d different versions (%s); pass the output of one host"
                         % (len(found), ", ".join(found)))
    version, line = next(iter(found.items()))
    major, minor, build, ubr = parse_windows_version(version)
    return {
        "source": "ver",
        "ver_string": line,
        "version": version,
        "major": major,
        "minor": minor,
        "build": build,
        "ubr": ubr,
    }


def systeminfo_key(label):
    """The snake_case key of a systeminfo label: "Processor(s)" -> processors, "OS Name" -> os_name."""
    label = label.strip()
    if label in _KEY_OVERRIDES:
        return _KEY_OVERRIDES[label]
    text = label.replace("(s)", "s").replace("(es)", "es")
    return re.sub(r"[^0-9A-Za-z]+", "_", text).strip("_").lower()


def _match_label(stripped):
    """(label, value, known) when the line starts a systeminfo field, else None."""
    match = _KNOWN_LABEL_RE.match(stripped)
    if match:
        return _CANONICAL_LABELS[match.group(1).lower()], (match.group(2) or "").strip(), True
    match = _GENERIC_LABEL_RE.match(stripped)
    if match:
        return match.group("label").strip(), (match.group("value") or "").strip(), False
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


class _Output:
    """The fields of one captured systeminfo output, as they are read."""

    def __init__(self, line, field):
        self.fields = []
        self.labels = set()
        self.skipped = []
        self.elided = False
        self.label_indent = _indent(line)
        # Continuation lines stand under the values; a line less than halfway there was wrapped.
        value_column = len(line) - len(field[1]) if field[1] else self.label_indent + len(field[0]) + 2
        self.item_indent = self.label_indent + max(1, (value_column - self.label_indent) // 2)
        self.add(field)

    def add(self, field):
        self.fields.append((field[0], [field[1]]))
        self.labels.add(field[0].lower())


def _list_blocks(lines):
    """Split the list form into outputs (_Output), one per systeminfo output found.

    An output starts at any English systeminfo label (pasted fragments such as the idiom
    ``systeminfo | findstr /B /C:"OS Name" /C:"OS Version"`` start anywhere) and goes on across lines that
    stand for an elision (``====SNIPPED====``, ``...``): the lines after one that belong to no label are
    kept in ``skipped``, never joined to the field before the elision. ``Host Name`` or a label seen twice
    starts the output of another host.
    """
    width = max((len(line) for line in lines), default=0)
    outputs = []
    current = None
    previous = None  # the previous raw line when it belonged to the current output, else None
    skipping = False  # after an elision, until the next label
    for raw in lines:
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            previous = None
            continue
        if _PROMPT_RE.match(line):
            current, previous = None, None
            continue
        if _ELISION_RE.match(stripped):
            if current is not None:
                current.elided = True
                current.skipped.append(stripped)
                skipping, previous = True, None
            continue
        field = _match_label(stripped)
        if field and field[2] and (current is None or field[0].lower() == "host name"
                                   or field[0].lower() in current.labels):
            current = _Output(line, field)
            outputs.append(current)
            skipping, previous = False, raw
            continue
        if current is None:
            continue
        indent = _indent(line)
        if field and (field[2] or (indent == current.label_indent and not skipping)):
            current.add(field)
            skipping = False
        elif skipping:
            current.skipped.append(stripped)
        elif indent >= current.item_indent:
            current.fields[-1][1].append(stripped)
        elif previous is not None and not _FENCE_RE.match(stripped):
            last = current.fields[-1][1]
            joiner = _wrap_joiner(previous.rstrip("\r\n"), line, width)
            last[-1] = (last[-1] + joiner + stripped) if last[-1] else stripped
        else:
            current, skipping = None, False
            continue
        previous = raw
    return outputs


def _csv_row_state(text, quoted, separators):
    """Walk a piece of a CSV row once: (inside quotes at its end, field separators seen so far)."""
    if '"' not in text:
        return quoted, separators if quoted else separators + text.count(",")
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            separators += 1
    return quoted, separators


def _csv_blocks(lines):
    """Fields of the /fo csv form: a list of (label, [items]) per data row.

    A row the console wrapped is joined back without a separator; each piece is read once, and the row is
    parsed when its columns are complete, so the work is linear in the text.
    """
    outputs = []
    header = None
    buffer = ""
    quoted, separators = False, 0
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
        buffer += line
        quoted, separators = _csv_row_state(line, quoted, separators)
        if quoted or separators + 1 < len(header):
            continue
        if separators + 1 > len(header):
            raise ValueError("parse_systeminfo: a CSV row has %d columns but the header has %d"
                             % (separators + 1, len(header)))
        try:
            row = next(csv.reader([buffer]))
        except csv.Error as exc:  # e.g. a field longer than csv's limit of 131,072 characters
            raise ValueError("parse_systeminfo: a CSV row cannot be read: %s" % exc) from None
        outputs.append([(label, _csv_items(label, value)) for label, value in zip(header, row)])
        buffer, quoted, separators = "", False, 0
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
    """The build of systeminfo's OS Version ("10.0.26100 N/A Build 26100", "6.1.7601 Service Pack 1 Build 7601")."""
    words = os_version.split()
    if len(words) >= 2 and words[-2].lower() == "build" and words[-1].isdigit():
        return int(words[-1])
    parts = parse_windows_version(os_version)
    if parts is None or not os_version.lstrip()[:1].isdigit():
        raise ValueError("parse_systeminfo: OS Version '%s' holds no build number (expected like "
                         "'10.0.26100 N/A Build 26100')" % os_version)
    return parts[2]


def _localized_hint(lines):
    """' (labels such as 'Nome host')' when the text has label lines, none of them English systeminfo ones."""
    for raw in lines:
        match = _GENERIC_LABEL_RE.match(raw.strip())
        if match:
            return " (it has labels such as '%s')" % match.group("label")
    return ""


def _document(source, form, pairs, key_of):
    """The parser document: own keys first, then one key per label (a clash with an own key is prefixed)."""
    result = {"source": source, "format": form}
    for label, value in pairs:
        key = key_of(label)
        if key in _OWN_KEYS:
            key = ("label_" if source == "systeminfo" else "property_") + key
        result[key] = value
    return result


def parse_systeminfo(text):
    """Parse ``systeminfo`` output, list form (default, ``/fo list``) or ``/fo csv`` with its header.

    Whole outputs and pasted fragments are read: the text may start at any English label (as the output of
    ``systeminfo | findstr /B /C:"OS Name" /C:"OS Version"`` does) and lines standing for an elision
    (``====SNIPPED====``, ``...``) do not end it.

    Returns a dict with one snake_case key per label ("OS Name" -> os_name, "Hotfix(s)" -> hotfixes),
    values as printed; multi-line fields (processors, hotfixes, network cards, page files, Hyper-V
    requirements, virtualization-based security) are lists without the "N ... Installed." count line and
    without the "[01]:" item numbers. Added keys: source ("systeminfo"), format ("list" or "csv"), build
    (int from OS Version, None when the output has no OS Version), partial (True when the output has no
    Host Name line or an elision) and skipped (the elision lines and the lines after them that belong to
    no label, as printed).
    Raises ValueError when no systeminfo output is found (localized labels are not read) or the text holds
    the output of several hosts.
    """
    _require_text(text, "parse_systeminfo")
    lines = text.replace("\ufeff", "").expandtabs(8).splitlines()
    blocks = _list_blocks(lines)
    outputs, form = [(b.fields, b.elided, b.skipped) for b in blocks], "list"
    if not outputs:
        outputs, form = [(fields, False, []) for fields in _csv_blocks(lines)], "csv"
    if not outputs:
        raise ValueError("parse_systeminfo: no systeminfo output in the text (expected lines with its English "
                         "labels, such as 'OS Name:' or 'Host Name:', or a '\"Host Name\",\"OS Name\",...' header of "
                         "/fo csv; the table form and localized labels are not read)%s" % _localized_hint(lines))
    if len(outputs) > 1:
        names = []
        for fields, _elided, _skipped in outputs:
            host = [values[0] for label, values in fields if label == "Host Name"]
            names.append(host[0] if host and host[0] else "?")
        raise ValueError("parse_systeminfo: the text holds the output of %d hosts (%s); pass one at a time"
                         % (len(outputs), ", ".join(names)))
    fields, elided, skipped = outputs[0]
    result = _document("systeminfo", form, [(label, _field_value(label, values)) for label, values in fields],
                       systeminfo_key)
    os_version = result.get("os_version")
    result["build"] = _os_build(os_version) if isinstance(os_version, str) and os_version else None
    result["partial"] = elided or "host_name" not in result
    result["skipped"] = list(skipped)
    return result


# ---------------------------------------------------------------------------------------------------------
# Format-List text: Get-ComputerInfo, Get-CimInstance Win32_OperatingSystem | Format-List *
# ---------------------------------------------------------------------------------------------------------

# "Name<padding> : value": Format-List pads every property name to the longest one and writes " : " after
# it, so a property line always has a space before its colon (systeminfo's "OS Name:" has none).
_PROPERTY_RE = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]{0,80}) +:(?: (?P<value>.*))?$")

# Property names that tell the two sources apart (snake_case, as in the document); each set holds only names
# the other source does not have (both have OSArchitecture and CSName).
COMPUTERINFO_MARKERS = frozenset((
    "os_name", "os_version", "os_build_number", "windows_product_name", "windows_edition_id", "windows_build_lab_ex",
    "windows_ubr", "windows_version", "cs_manufacturer", "cs_model", "os_operating_system_sku", "bios_manufacturer",
    "hyper_visor_present", "cs_hypervisor_present", "os_display_version",
))
WIN32_OPERATING_SYSTEM_MARKERS = frozenset((
    "caption", "build_number", "version", "operating_system_sku", "csd_version", "name", "product_type",
    "serial_number", "windows_directory", "system_directory",
))


_WORD_BREAK_RE = re.compile(r"([A-Z]+)([A-Z][a-z])|([a-z0-9])([A-Z])")
_PROPERTY_KEYS = {}  # property name -> key: the same few hundred names recur in every object


def property_key(name):
    """The snake_case key of a PowerShell property: OsName -> os_name, WindowsUBR -> windows_ubr,
    OSDisplayVersion -> os_display_version, CSDVersion -> csd_version, HyperVisorPresent -> hyper_visor_present."""
    key = _PROPERTY_KEYS.get(name)
    if key is None:
        text = _WORD_BREAK_RE.sub(lambda m: "%s_%s" % (m.group(1) or m.group(3), m.group(2) or m.group(4)), name.strip())
        text = _WORD_BREAK_RE.sub(lambda m: "%s_%s" % (m.group(1) or m.group(3), m.group(2) or m.group(4)), text)
        key = _PROPERTY_KEYS.setdefault(name, re.sub(r"[^0-9A-Za-z]+", "_", text).strip("_").lower())
    return key


def _format_list_blocks(lines):
    """Objects of Format-List text, each a dict: properties [(name, value)], elided, skipped.

    An object is a run of property lines at one indentation; a blank line, a prompt or a line that is
    neither a property nor indented to the value column ends it. A long value wraps onto lines indented to
    the value column; a wrap between words is joined back with a space, a cut at the console's width inside
    a word without one.
    """
    width = max((len(line) for line in lines), default=0)
    objects = []
    current = None
    for raw in lines:
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped or _PROMPT_RE.match(line):
            current = None
            continue
        if current is not None and _ELISION_RE.match(stripped):
            current.update(elided=True, skipping=True, previous=None)
            current["skipped"].append(stripped)
            continue
        if current is not None and _indent(line) >= current["column"]:
            if current["skipping"]:
                current["skipped"].append(stripped)
            else:
                parts = current["properties"][-1][1]
                parts.append((_wrap_joiner(current["previous"], stripped, width) if parts[-1] else "") + stripped)
                current["previous"] = line
            continue
        match = _PROPERTY_RE.match(line.lstrip())
        if match is None:
            current = None
            continue
        indent = _indent(line)
        if current is None or indent != current["indent"]:
            current = {"properties": [], "indent": indent, "column": 0, "elided": False, "skipped": [],
                       "skipping": False, "previous": None}
            objects.append(current)
        current["column"] = max(current["column"], indent + match.start("value") if match.group("value") is not None
                                else indent + len(match.group(0)) + 1)
        current["properties"].append((match.group("name"), [(match.group("value") or "").strip()]))
        current.update(skipping=False, previous=line)
    return objects


def parse_format_list(text, what="parse_format_list"):
    """The objects of ``Format-List`` text: a list of (dict of property name -> value as printed, elided, skipped).

    Values are strings as printed (an empty value is ""); a value wrapped onto the following lines is joined
    back. Prompts and other output around the objects are ignored.
    """
    _require_text(text, what)
    lines = text.replace("\ufeff", "").expandtabs(8).splitlines()
    objects = []
    for block in _format_list_blocks(lines):
        properties = {}
        for name, parts in block["properties"]:
            if name in properties:
                raise ValueError("%s: property %s appears twice in one object" % (what, name))
            properties[name] = "".join(parts)
        objects.append((properties, block["elided"], block["skipped"]))
    return objects


def parse_computerinfo(text):
    """Parse the Format-List text of ``Get-ComputerInfo`` or of ``Get-CimInstance Win32_OperatingSystem |
    Format-List *`` (whole, or the properties a ``Select-Object`` kept).

    Returns a dict with one snake_case key per property (OsName -> os_name, WindowsUBR -> windows_ubr,
    BuildNumber -> build_number), values as printed, plus source ("computerinfo" or
    "win32_operatingsystem", told by the property names), format ("list"), build (int: OsBuildNumber or
    BuildNumber, else the build of OsVersion or Version; None when the text has neither), partial (an
    elision was seen) and skipped (the elision lines and the lines after them that belong to no property).
    Raises ValueError when no such object is found, when the text holds several objects (several hosts), or
    when its properties belong to neither source or to both.
    """
    objects = parse_format_list(text, "parse_computerinfo")
    found = []
    for properties, elided, skipped in objects:
        keys = {property_key(name) for name in properties}
        computerinfo = keys & COMPUTERINFO_MARKERS
        win32 = keys & WIN32_OPERATING_SYSTEM_MARKERS
        if computerinfo or win32:
            found.append((properties, elided, skipped, computerinfo, win32))
    if not found:
        raise ValueError("parse_computerinfo: no Format-List output of Get-ComputerInfo or Win32_OperatingSystem in the "
                         "text (expected lines like 'OsName : Microsoft Windows Server 2025 Datacenter' or "
                         "'Caption : Microsoft Azure Stack HCI')")
    if len(found) > 1:
        raise ValueError("parse_computerinfo: the text holds %d objects; pass the output of one host at a time"
                         % len(found))
    properties, elided, skipped, computerinfo, win32 = found[0]
    if computerinfo and win32:
        raise ValueError("parse_computerinfo: the object mixes Get-ComputerInfo properties (%s) and Win32_OperatingSystem "
                         "properties (%s)" % (", ".join(sorted(computerinfo)), ", ".join(sorted(win32))))
    source = "computerinfo" if computerinfo else "win32_operatingsystem"
    result = _document(source, "list", list(properties.items()), property_key)
    build_key, version_key = ("os_build_number", "os_version") if computerinfo else ("build_number", "version")
    result["build"] = _property_build(result.get(build_key), result.get(version_key), build_key, version_key)
    result["partial"] = elided
    result["skipped"] = list(skipped)
    return result


def _property_build(build, version, build_key, version_key):
    if isinstance(build, str) and build.strip():
        if not build.strip().isdigit():
            raise ValueError("parse_computerinfo: %s is '%s', not a build number" % (build_key, build))
        return int(build.strip())
    if isinstance(version, str) and version.strip():
        parts = parse_windows_version(version)
        if parts is None:
            raise ValueError("parse_computerinfo: %s '%s' holds no build number (expected like '10.0.26100')"
                             % (version_key, version))
        return parts[2]
    return None


# ---------------------------------------------------------------------------------------------------------
# Format-Table text: Get-ClusterGroup, Get-ClusterNode, Get-ClusterResource as a console prints them
# ---------------------------------------------------------------------------------------------------------

_RULER_RE = re.compile(r"^ *-+(?: +-+)* *$")


def _ruler_columns(ruler):
    """(start, end) of every run of dashes in a header ruler line."""
    columns, start = [], None
    for index, char in enumerate(ruler + " "):
        if char == "-" and start is None:
            start = index
        elif char != "-" and start is not None:
            columns.append((start, index))
            start = None
    return columns


def parse_format_table(text, what="parse_format_table"):
    """The rows of the ``Format-Table`` text in text: a list of dicts (column header -> value as printed).

    The columns are where the ruler under the headers (``----  ---------  -----``) puts them, so values with
    spaces (``Cluster Group``, ``Azure Stack HCI Update Service Cluster Group``) stay whole; an empty cell is
    None. A table ends at a blank line or a prompt; several tables in the text are read one after the other.
    Raises ValueError when no table is found.
    """
    _require_text(text, what)
    lines = text.replace("\ufeff", "").expandtabs(8).splitlines()
    rows = []
    index = 0
    found = False
    while index < len(lines):
        line = lines[index].rstrip()
        if index + 1 < len(lines) and line.strip() and _RULER_RE.match(lines[index + 1].rstrip()):
            columns = _ruler_columns(lines[index + 1].rstrip())
            headers = [line[start:(columns[i + 1][0] if i + 1 < len(columns) else len(line))].strip()
                       for i, (start, _end) in enumerate(columns)]
            if all(headers):
                found = True
                index += 2
                while index < len(lines) and lines[index].strip() and not _PROMPT_RE.match(lines[index]):
                    row = lines[index].rstrip()
                    cells = []
                    for i, (start, _end) in enumerate(columns):
                        stop = columns[i + 1][0] if i + 1 < len(columns) else len(row)
                        cells.append(row[start:stop].strip() or None)
                    rows.append(dict(zip(headers, cells)))
                    index += 1
                continue
        index += 1
    if not found:
        raise ValueError("%s: no table in the text (expected a header line and a ruler such as "
                         "'Name  OwnerNode  State' / '----  ---------  -----')" % what)
    return rows
