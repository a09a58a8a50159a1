# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Host-supplied text made safe to show. PRIVATE to the collection.

Host names, values, reasons and messages come from hosts and inventories: they are untrusted. In text meant to
be read line by line (the console table, the summary, Markdown, the cluster report) they must not start a new
line or row, and must not reorder what a reader sees; in XML and HTML they must not break well-formedness; in
JSON they must be strict (no lone surrogates). Every such character is replaced by a visible escape - ``\\x0a``
for a line feed, ``\\u202e`` for a right-to-left override - so the reader sees that it was there.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

# Bidirectional formatting characters (Unicode TR9): embeddings, overrides, isolates and marks. They reorder the
# text around them on screen, so a value could appear to be another ("Trojan Source", CVE-2021-42574).
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Characters that end a line somewhere: C0 controls, DEL, C1 controls (U+0085 NEL among them), U+2028, U+2029;
# then lone surrogates and the non-characters U+FFFE, U+FFFF, which XML and strict JSON reject.
_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029%s\ud800-\udfff\ufffe\uffff]" % _BIDI)
# The same for XML/HTML text, where tab, line feed and carriage return are allowed and kept.
_MARKUP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029%s\ud800-\udfff\ufffe\uffff]" % _BIDI)
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(match):
    code = ord(match.group())
    return "\\x%02x" % code if code < 0x100 else "\\u%04x" % code


def visible(text):
    """One line of text: every control, line or paragraph separator and bidi character shown as an escape."""
    return _ONE_LINE.sub(_escape, text)


def clean(text):
    """Text for XML or HTML: what XML 1.0 forbids, C1 controls and bidi characters shown as escapes.

    Tab, line feed and carriage return are kept (the caller decides whether a line may break).
    """
    return _MARKUP.sub(_escape, text)


def strict_json(value):
    """value made writable as strict JSON: lone surrogates in strings (and keys) shown as escapes, NaN and the
    infinities as the strings 'nan', 'inf', '-inf' (JSON has no such numbers)."""
    if isinstance(value, str):
        return _SURROGATE.sub(_escape, value) if _SURROGATE.search(value) else value
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if isinstance(value, Mapping):
        return {strict_json(key) if isinstance(key, str) else key: strict_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [strict_json(item) for item in value]
    return value
