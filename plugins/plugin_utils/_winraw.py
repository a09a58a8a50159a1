# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Readers for the shapes raw Windows data arrives in. PRIVATE to the collection.

The same Get-VM or Get-ClusterGroup object reaches the controller in several shapes:

* from this collection's collectors (module_utils/_HvAzLocalProbe.psm1): enums as names, TimeSpan as seconds,
  DateTime as UTC ISO 8601, Guid and Version as strings, nested objects reduced to the fields the probe chose;
* from ``ConvertTo-Json`` in Windows PowerShell 5.1 (for example through ansible.windows.win_powershell or
  win_shell): enums as numbers, TimeSpan as an object (``Ticks``, ``TotalSeconds`` ...), DateTime as
  ``"\\/Date(1700000000000)\\/"``, one object instead of a one-element list;
* from PowerShell 7 ``ConvertTo-Json``: DateTime as ISO 8601 with offset, enums as numbers unless
  ``-EnumsAsStrings``.

Everything here is a pure function that reads one value and says in its error which field was wrong.
Look-ups go through explicit keys (``key in raw`` / ``raw[key]``), never by iterating a dict, so the
contract tests can see which raw keys the interpretation needs.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping

_DOTNET_DATE = re.compile(r"^/Date\((-?\d+)([+-]\d{4})?\)/$")
_TIMESPAN = re.compile(r"^(?:(?P<days>\d+)\.)?(?P<hours>\d{1,2}):(?P<minutes>\d{2}):(?P<seconds>\d{2})(?:\.(?P<fraction>\d{1,7}))?$")
_INTEGER = re.compile(r"^-?\d+$")
# major.minor.build[.revision] anywhere in a text: "10.0.26100", "Microsoft Windows [Version 10.0.26100.4349]",
# "10.0.26100 N/A Build 26100". Bounded digit runs keep the search linear on any input.
_WINDOWS_VERSION = re.compile(r"(?<![\d.])(\d{1,5})\.(\d{1,5})\.(\d{1,6})(?:\.(\d{1,6}))?(?![\d])")
# HRESULT E_ACCESSDENIED (0x80070005) and Win32 ERROR_ACCESS_DENIED: the same on every display language.
ACCESS_DENIED_CODES = (-2147024891, 0x80070005, 5)
ACCESS_DENIED_TYPES = ("unauthorizedaccessexception", "permissiondenied")
# English texts of the same errors, for errors that carry no code (the probe runner keeps message and type).
ACCESS_DENIED_TEXTS = ("access is denied", "unauthorizedaccess", "permissiondenied", "permission to complete this task",
                       "administrative privileges", "do not have the required permission")
_NAMES_BY_TABLE = {}  # id(table) -> (table, lower-case name -> name), built on first use


def where(host=None):
    """' on <host>' for error messages, or ''."""
    return " on %s" % host if host else ""


def load_json_text(value, what, host=None, tables=False):
    """Parse a JSON document given as text (stdout of ``ConvertTo-Json``); other values pass through.

    With tables, text that is not JSON is read as a console table (``Get-ClusterGroup`` as PowerShell prints
    it: a header line, a ruler of dashes, one row per line) into a list of dicts, header -> value.
    """
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return None
    if tables and text[:1] not in "[{\"":
        from ._parsers import parse_format_table  # pylint: disable=import-outside-toplevel

        return parse_format_table(value, "%s%s" % (what, where(host)))
    try:
        return json.loads(text)
    except ValueError as exc:
        raise ValueError("%s%s is a string but not JSON (%s): %r" % (what, where(host), exc, text[:80])) from None


def as_list(value, what, host=None):
    """A list of dicts from None, one dict, a list of dicts, or JSON text of any of them.

    ``ConvertTo-Json`` writes a single object (not a one-element list) when the pipeline held one item,
    and the probe runner does the same for a probe that returned one item.
    """
    value = load_json_text(value, what, host)
    if value is None:
        return []
    if isinstance(value, Mapping):
        return [value]
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            if not isinstance(item, Mapping):
                raise TypeError("%s%s: item %d is %s, expected a dict" % (what, where(host), index, type(item).__name__))
        return list(value)
    raise TypeError("%s%s is %s, expected a list of dicts, a dict or JSON text" % (what, where(host), type(value).__name__))


def pick(raw, keys, default=None):
    """The value of the first of keys present in raw (a dict), else default."""
    for key in keys:
        if key in raw:
            return raw[key]
    return default


def name_of(value):
    """The name of a referenced object: ``OwnerNode`` is a string from the collectors, an object with
    ``Name`` from ``ConvertTo-Json`` of the cmdlet output, or null."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        value = pick(value, ("Name", "name"))
        return None if value is None else str(value)
    return str(value)


def to_int(value, what, host=None):
    """An int from a JSON number, a numeric string, or None (also for an empty string: no value)."""
    if value is None or isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INTEGER.match(value.strip()):
        return int(value.strip())
    raise ValueError("%s%s is %r, expected an integer" % (what, where(host), value))


def to_bool(value, what, host=None):
    """A bool from true/false, 0/1 (``S2DEnabled`` is a number), 'True'/'False' (as Format-List prints it), or
    None (also for an empty string: no value)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "0", "1"):
        return value.strip().lower() in ("true", "1")
    raise ValueError("%s%s is %r, expected a boolean" % (what, where(host), value))


def parse_windows_version(text):
    """(major, minor, build, revision or None) of the first Windows version in text, or None when it holds none.

    The one reader of version numbers for the collection: ``10.0.26100``, ``10.0.25398.1128``,
    ``Microsoft Windows [Version 10.0.26100.4349]``, ``10.0.26100 N/A Build 26100``, ``6.1.7601``.
    """
    if text is None:
        return None
    match = _WINDOWS_VERSION.search(str(text))
    if not match:
        return None
    major, minor, build, revision = match.groups()
    return int(major), int(minor), int(build), None if revision is None else int(revision)


def is_access_denied(message=None, type_name=None, codes=()):
    """Whether an error is an access-denied error: by its HResult / native error code when it has one, by its
    exception type or PowerShell error category, and otherwise by the English text of the message."""
    for code in codes:
        if isinstance(code, int) and not isinstance(code, bool) and code in ACCESS_DENIED_CODES:
            return True
    kind = str(type_name or "").lower()
    if any(name in kind for name in ACCESS_DENIED_TYPES):
        return True
    text = str(message or "").lower()
    return any(phrase in text for phrase in ACCESS_DENIED_TEXTS)


def is_probe_access_denied(error):
    """is_access_denied for an entry of a collector's errors: the probe runner records the original exception's
    type, message, hresult and native_error_code (a CIM error's enum name such as AccessDenied, or a Win32 code)."""
    native = error.get("native_error_code")
    codes = [error.get("hresult")]
    if isinstance(native, str):
        if native.strip().lower() == "accessdenied":
            return True
        if re.fullmatch(r"\s*-?\d+\s*", native):
            codes.append(int(native))
    elif isinstance(native, int):
        codes.append(native)
    return is_access_denied(error.get("message"), error.get("type"), codes)


def to_str(value):
    """str(value), keeping None."""
    return None if value is None else str(value)


def enum_name(value, table, what, host=None):
    """The name of an enum value that arrives as a name, a number, a numeric string, or an object.

    table maps the enum's numbers to the names PowerShell prints. A name is returned with the casing of
    the table; a name the table does not know is returned as given (newer Windows versions add values);
    an unknown number becomes ``Unknown(<number>)`` so it is visible, never dropped. Some serialisers write
    an enum as ``{"value": 2, "String": "Running"}``; both halves are understood.
    """
    if value is None:
        return None
    if isinstance(value, Mapping):
        inner = pick(value, ("String", "string", "Value", "value"))
        if inner is None:
            raise ValueError("%s%s is an object without a String or Value: %r" % (what, where(host), dict(value)))
        return enum_name(inner, table, what, host)
    if isinstance(value, bool):
        raise ValueError("%s%s is a boolean (%r), expected an enum name or number" % (what, where(host), value))
    if isinstance(value, str) and _INTEGER.match(value.strip()):
        value = int(value.strip())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return table.get(value, "Unknown(%d)" % value)
    if isinstance(value, str):
        names = _NAMES_BY_TABLE.get(id(table))
        if names is None or names[0] is not table:
            names = _NAMES_BY_TABLE[id(table)] = (table, {name.lower(): name for name in table.values()})
        return names[1].get(value.strip().lower(), value.strip())
    raise ValueError("%s%s is %r, expected an enum name or number" % (what, where(host), value))


def seconds(value, what, host=None):
    """Seconds (float) from a number, a TimeSpan object (``TotalSeconds`` or ``Ticks``) or text
    ``[d.]hh:mm:ss[.fffffff]``."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("%s%s is a boolean, expected a duration" % (what, where(host)))
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, Mapping):
        if "TotalSeconds" in value:
            return seconds(value["TotalSeconds"], what, host)
        if "Ticks" in value:
            return to_int(value["Ticks"], what, host) / 10_000_000
        raise ValueError("%s%s is an object without TotalSeconds or Ticks" % (what, where(host)))
    if isinstance(value, str):
        text = value.strip()
        match = _TIMESPAN.match(text)
        if match:
            fraction = match.group("fraction") or "0"
            return (int(match.group("days") or 0) * 86400 + int(match.group("hours")) * 3600
                    + int(match.group("minutes")) * 60 + int(match.group("seconds")) + int(fraction) / 10 ** len(fraction))
        try:
            return float(text)
        except ValueError:
            pass
    raise ValueError("%s%s is %r, expected seconds or a TimeSpan" % (what, where(host), value))


def iso_time(value, what, host=None):
    """UTC ISO 8601 text from ISO text (any offset), ``/Date(ms)/`` of Windows PowerShell 5.1, or an object
    carrying one of them (``value`` / ``DateTime``)."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        inner = pick(value, ("value", "Value"))
        if inner is None:
            raise ValueError("%s%s is an object without a value: %r" % (what, where(host), dict(value)))
        return iso_time(inner, what, host)
    if not isinstance(value, str):
        raise ValueError("%s%s is %r, expected a date and time" % (what, where(host), value))
    text = value.strip()
    match = _DOTNET_DATE.match(text.replace("\\/", "/"))
    if match:
        moment = datetime.datetime.fromtimestamp(int(match.group(1)) / 1000, tz=datetime.timezone.utc)
    else:
        # fromisoformat (3.11+) reads 'Z' and offsets; .NET writes up to 7 fractional digits.
        trimmed = re.sub(r"(\.\d{6})\d+", r"\1", text)
        try:
            moment = datetime.datetime.fromisoformat(trimmed)
        except ValueError:
            raise ValueError("%s%s is %r, not a date and time this collection reads" % (what, where(host), value)) from None
        if moment.tzinfo is None:
            # The collectors always send UTC; text without an offset is taken as UTC, never as local time.
            moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def read_fields(raw, fields, what, host=None):
    """Read one object with a field table of (output key, PowerShell keys, snake_case keys, converter).

    The dialect is chosen once per object: PascalCase when it has ``Name`` (collector output and
    ConvertTo-Json), snake_case when it has ``name`` (a result of this collection read back).
    """
    if not isinstance(raw, Mapping):
        raise TypeError("%s%s is %s, expected a dict" % (what, where(host), type(raw).__name__))
    if "Name" in raw:
        column = 1
    elif "name" in raw:
        column = 2
    else:
        raise ValueError("%s%s has no Name" % (what, where(host)))
    out = {}
    for field in fields:
        value = pick(raw, field[column])
        out[field[0]] = field[3](value, "%s %s" % (what, field[0]), host)
    return out


def unwrap(value, keys):
    """The list inside a registered task result: ``vms`` of vm_info / hv_vm_info, ``output`` of
    win_powershell. Other values pass through."""
    if isinstance(value, Mapping):
        for key in keys:
            if key in value and isinstance(value[key], (list, tuple, Mapping, str)):
                inner = value[key]
                if key == "output" and isinstance(inner, (list, tuple)) and len(inner) == 1 and isinstance(inner[0], (list, tuple)):
                    # win_powershell returns output as a list of pipeline objects; an array written as one
                    # object (`Write-Output -NoEnumerate`) arrives as a list inside that list.
                    inner = inner[0]
                return inner
    return value
