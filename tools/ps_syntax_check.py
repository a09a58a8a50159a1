"""Syntax-check PowerShell files with tree-sitter (no pwsh needed).

Usage: ps_syntax_check.py [--allow-ps7] [PATH ...]      (default PATH: plugins)

Scans every *.ps1 / *.psm1 under the given files/directories and prints
    FILE:LINE:COL: ERROR|MISSING|PS7ONLY <detail>
for each problem. Exit status 1 if anything was reported, else 0.

* ERROR / MISSING: syntax-error nodes from the tree-sitter grammar.
* PS7ONLY: syntax that parses but only exists in PowerShell 7 (ternary, &&/||,
  ??, ??=). Ansible runs Windows modules under Windows PowerShell 5.1, so these
  are reported unless --allow-ps7 is given.

Grammar: the PyPI package tree-sitter-pwsh (module tree_sitter_pwsh) if it is
installed, else tree-sitter-powershell (module tree_sitter_powershell), which
rejects much more valid PowerShell. Both grammars still reject a few valid
constructs (see toolchain.md); a problem whose node starts on a line
containing "ps-syntax: ignore" is not reported. MISSING tokens (unclosed
braces/brackets) point at the end of the block and cannot be waived that way.

API used (tree-sitter 0.26.1):
    Parser(Language(<grammar module>.language())).parse(bytes) -> Tree
    node.is_error / node.is_missing / node.has_error / node.start_point
"""
import sys
from pathlib import Path

from tree_sitter import Language, Parser

try:
    import tree_sitter_pwsh as grammar
except ImportError:  # pragma: no cover - fallback grammar
    import tree_sitter_powershell as grammar

PARSER = Parser(Language(grammar.language()))
SUFFIXES = {".ps1", ".psm1"}
IGNORE_MARKER = b"ps-syntax: ignore"
# node types (tree-sitter-pwsh names) for syntax PowerShell 5.1 does not have
PS7_ONLY = {
    "ternary_expression": "ternary operator ?:",
    "pipeline_chain_tail": "pipeline chain operator && / ||",
    "null_coalesce_expression": "null-coalescing operator ??",
    "??=": "null-coalescing assignment ??=",
}


def iter_files(args):
    for arg in args or ["plugins"]:
        path = Path(arg)
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
        else:
            print("%s: no such file or directory" % arg, file=sys.stderr)


def read_source(path):
    """A PowerShell file's bytes without its UTF-8 BOM (legal in PowerShell, noise to the parser)."""
    data = Path(path).read_bytes()
    return data[3:] if data.startswith(b"\xef\xbb\xbf") else data


def walk(tree, want_ps7):
    """Yield (node, kind). Only descends into error subtrees unless PS7 checks are wanted."""
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_missing:
            yield node, "MISSING"
            continue
        if node.is_error:
            yield node, "ERROR"
        elif want_ps7 and node.type in PS7_ONLY:
            yield node, "PS7ONLY"
        if node.has_error or want_ps7:
            stack.extend(reversed(node.children))


def check(path, want_ps7=True):
    source = read_source(path)
    lines = source.splitlines()
    tree = PARSER.parse(source)
    seen = set()
    found = []
    for node, kind in walk(tree, want_ps7):
        row, col = node.start_point
        if (row, col, kind) in seen:
            continue
        seen.add((row, col, kind))
        line_text = lines[row] if row < len(lines) else b""
        if kind != "MISSING" and IGNORE_MARKER in line_text:
            continue
        if kind == "MISSING":
            detail = "missing %r" % node.type
        elif kind == "PS7ONLY":
            detail = "%s is PowerShell 7 only (modules run on Windows PowerShell 5.1)" % PS7_ONLY[node.type]
        else:
            text = source[node.start_byte:node.end_byte].decode("utf-8", "replace").strip()
            text = text.splitlines()[0] if text else line_text.decode("utf-8", "replace").strip()
            detail = "cannot parse near %r" % text[:60]
        found.append("%s:%d:%d: %s %s" % (path, row + 1, col + 1, kind, detail))
    return found


def main(argv):
    want_ps7 = "--allow-ps7" not in argv
    paths = [a for a in argv if a != "--allow-ps7"]
    files = list(iter_files(paths))
    problems = []
    for path in files:
        problems.extend(check(path, want_ps7))
    for line in problems:
        print(line)
    print("%s: checked %d PowerShell file(s), %d problem(s)" % (grammar.__name__, len(files), len(problems)),
          file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
