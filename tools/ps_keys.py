"""List the hashtable keys a PowerShell collector can emit, read from its syntax tree (no pwsh needed).

Usage: ps_keys.py FILE.ps1 [...]

Contract tests use emitted_keys() to check that every raw key the Python side reads is written by the
collector that produces it. Keys are the names of every hashtable entry (`@{ name = ... }`,
`[ordered]@{ 'name' = ... }`, `[PSCustomObject]@{ ... }`) and every `$x.name = ...` / `$x['name'] = ...`
assignment in the file and in the collection module_utils it imports with
`#AnsibleRequires -PowerShell ..module_utils.X`.
"""
import re
import sys
from pathlib import Path

from tree_sitter import Language, Parser

try:
    import tree_sitter_pwsh as grammar
except ImportError:  # pragma: no cover - fallback grammar
    import tree_sitter_powershell as grammar

PARSER = Parser(Language(grammar.language()))
REQUIRES_RE = re.compile(r"(?im)^#\s*ansiblerequires\s+-powershell\s+\.\.module_utils\.(\S+)")


def _text(node, src):
    return src[node.start_byte:node.end_byte].decode("utf-8", "replace")


def _literal(node, src):
    """The key a hash_entry or member access names, or None when it is computed."""
    raw = _text(node, src).strip()
    if raw.startswith("'") and raw.endswith("'") and len(raw) >= 2:
        return raw[1:-1].replace("''", "'")
    if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2 and "$" not in raw and "`" not in raw:
        return raw[1:-1]
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", raw):
        return raw
    return None


def _keys_of_source(src):
    keys = set()
    stack = [PARSER.parse(src).root_node]
    while stack:
        node = stack.pop()
        if node.type == "hash_entry" and node.named_children:
            key = _literal(node.named_children[0], src)
            if key:
                keys.add(key)
        elif node.type == "assignment_expression" and node.named_children:
            left = node.named_children[0]
            # $module.Result.name = ... / $out['name'] = ...
            match = re.search(r"(?:\.|\[)\s*('[^']*'|\"[^\"$`]*\"|[A-Za-z_][A-Za-z0-9_]*)\s*\]?\s*$", _text(left, src))
            if match and not _text(left, src).strip().startswith("$" + match.group(1)):
                key = _literal_str(match.group(1))
                if key:
                    keys.add(key)
        stack.extend(node.named_children)
    return keys


def _literal_str(raw):
    if raw[:1] in ("'", '"'):
        return raw[1:-1]
    return raw


def emitted_keys(path):
    """Every key the collector at path (and the module_utils it requires) can emit."""
    path = Path(path)
    src = path.read_bytes()
    if src.startswith(b"\xef\xbb\xbf"):
        src = src[3:]
    keys = _keys_of_source(src)
    utils_dir = path.parent.parent / "module_utils"
    for name in REQUIRES_RE.findall(src.decode("utf-8", "replace")):
        util = utils_dir / (name + ".psm1")
        if util.is_file():
            keys |= emitted_keys(util)
    return keys


def main(argv):
    for arg in argv:
        for key in sorted(emitted_keys(arg)):
            print(key)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
