"""Compare the literal `$spec = @{...}` of Ansible.Basic PowerShell modules with the
DOCUMENTATION of their .py stub, without pwsh (a partial stand-in for the part of
ansible-test validate-modules that needs pwsh).

Usage: ps_argspec_check.py [PATH ...]        (default: plugins/modules)

For each X.ps1 that has `#AnsibleRequires -CSharpUtil Ansible.Basic` and a sibling
X.py (or sidecar X.yml), reads the first `$spec = @{ ... }` hashtable with tree-sitter (only literals:
strings without interpolation, numbers, $true/$false/$null, @(), @{}, comma lists),
and reports differences in option names, type, elements, required, default,
choices, aliases and nested options (docs are resolved with ansible-core's own
loader, so doc fragments count, when the file lies under ansible_collections/NS/NAME
and that tree is importable). When the module merges extra specs from
module_utils (Create($args, $spec, @(...))), only keys written in $spec are compared. Values it cannot evaluate statically are
skipped, not guessed. Exit 1 on any mismatch.
"""
import ast
import re
import sys
from pathlib import Path

import yaml
from tree_sitter import Language, Parser

try:
    import tree_sitter_pwsh as grammar
except ImportError:  # pragma: no cover
    import tree_sitter_powershell as grammar

PARSER = Parser(Language(grammar.language()))
BASIC_RE = re.compile(rb"(?im)^#\s*ansiblerequires\s+-csharputil\s+ansible\.basic\b")
EXTRA_SPEC_RE = re.compile(rb"::Create\(\s*\$args\s*,\s*\$spec\s*,")
PASS_THROUGH = {"assignment_value", "pipeline", "pipeline_chain", "unary_expression", "parenthesized_expression"}


class Dynamic(object):
    """A value that cannot be evaluated statically."""

    def __repr__(self):
        return "<dynamic>"


DYNAMIC = Dynamic()


class PSArray(list):
    """A PowerShell array value (flattened one level by @())."""


def text(node, src):
    return src[node.start_byte:node.end_byte].decode("utf-8", "replace")


def evaluate(node, src):
    kind = node.type
    named = node.named_children
    if kind in PASS_THROUGH and len(named) == 1:
        return evaluate(named[0], src)
    if kind == "hash_literal_expression":
        result = {}
        for body in named:
            for entry in body.named_children:
                if entry.type != "hash_entry":
                    continue
                key_node, value_node = entry.named_children[0], entry.named_children[-1]
                key = evaluate(key_node.named_children[0], src) if key_node.named_children else text(key_node, src)
                if key_node.named_children and key_node.named_children[0].type == "simple_name":
                    key = text(key_node, src)
                result[str(key).lower() if isinstance(key, str) else key] = evaluate(value_node, src)
        return result
    if kind == "array_expression":
        items = PSArray()
        for stmt_list in named:
            for pipe in stmt_list.named_children:
                value = evaluate(pipe, src)
                if isinstance(value, list):
                    items.extend(value)
                else:
                    items.append(value)
        return items
    if kind == "array_literal_expression":
        return PSArray(evaluate(child, src) for child in named)
    if kind == "expression_with_unary_operator":
        op = text(node, src).lstrip()[:1]
        operand = evaluate(named[-1], src) if named else DYNAMIC
        if op == ",":
            return PSArray([operand])
        if op == "-" and isinstance(operand, (int, float)):
            return -operand
        if named and named[0].type == "cast_expression":
            return evaluate(named[0], src)
        return DYNAMIC
    if kind == "cast_expression":
        return evaluate(named[-1], src)
    if kind == "string_literal":
        inner = named[0] if named else node
        raw = text(inner, src)
        if inner.type == "verbatim_string_characters" and raw.startswith("'") and raw.endswith("'"):
            return raw[1:-1].replace("''", "'")
        if inner.type == "expandable_string_literal" and not inner.named_children and "`" not in raw:
            return raw[1:-1]
        return DYNAMIC
    if kind == "integer_literal":
        try:
            return int(text(node, src), 0)
        except ValueError:
            return DYNAMIC
    if kind == "real_literal":
        try:
            return float(text(node, src))
        except ValueError:
            return DYNAMIC
    if kind == "variable":
        return {"$true": True, "$false": False, "$null": None}.get(text(node, src).lower(), DYNAMIC)
    if kind == "simple_name":
        return text(node, src)
    return DYNAMIC


def find_spec(tree, src):
    """Return the evaluated value of the first `$spec = ...` assignment, or None."""
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "assignment_expression":
            left = text(node.named_children[0], src).strip().lower()
            if left == "$spec":
                return evaluate(node.named_children[-1], src)
        stack.extend(reversed(node.named_children))
    return None


def read_docs_resolved(py_path):
    """DOCUMENTATION with doc fragments merged, via ansible-core's own loader; None if unavailable."""
    parts = py_path.resolve().parts
    if "ansible_collections" not in parts:
        return None
    idx = len(parts) - 1 - parts[::-1].index("ansible_collections")
    if len(parts) < idx + 3:
        return None
    root = str(Path(*parts[:idx]))
    collection = "%s.%s" % (parts[idx + 1], parts[idx + 2])
    try:
        from ansible.plugins.loader import fragment_loader, init_plugin_loader
        from ansible.utils.plugin_docs import get_docstring

        if not getattr(read_docs_resolved, "_init", False):
            init_plugin_loader([root])
            read_docs_resolved._init = True
        doc = get_docstring(str(py_path.resolve()), fragment_loader, verbose=False, collection_name=collection,
                            plugin_type="module")[0]
    except Exception as exc:  # noqa: BLE001 - fall back to the raw DOCUMENTATION
        print("%s: could not resolve doc fragments (%s); using raw DOCUMENTATION" % (py_path, exc), file=sys.stderr)
        return None
    return doc


def read_docs(py_path):
    resolved = read_docs_resolved(py_path)
    if resolved is not None:
        return resolved
    if py_path.suffix == ".yml":  # sidecar documentation (DOCUMENTATION: key)
        return (yaml.safe_load(py_path.read_text(encoding="utf-8")) or {}).get("DOCUMENTATION") or {}
    module = ast.parse(py_path.read_text(encoding="utf-8"))
    for stmt in module.body:
        if isinstance(stmt, ast.Assign) and any(getattr(t, "id", None) == "DOCUMENTATION" for t in stmt.targets):
            return yaml.safe_load(stmt.value.value) or {}
    return {}


def is_dynamic(value):
    if isinstance(value, Dynamic):
        return True
    if isinstance(value, list):
        return any(is_dynamic(v) for v in value)
    if isinstance(value, dict):
        return any(is_dynamic(v) for v in value.values())
    return False


def coerce(value, opt_type):
    """Normalise a default the way AnsibleModule would (list 'a,b' -> ['a', 'b'], '3' -> 3)."""
    if value is None or not isinstance(opt_type, str):
        return value
    from ansible.module_utils.common.parameters import DEFAULT_TYPE_VALIDATORS

    checker = DEFAULT_TYPE_VALIDATORS.get(opt_type)
    if checker is None:
        return value
    try:
        value = checker(value)
    except (TypeError, ValueError):
        return value
    return list(value) if isinstance(value, list) else value


def norm_list(value):
    if value is None:
        return None
    if not isinstance(value, list):
        value = [value]
    return sorted(str(v) for v in value)


def compare(spec_opts, doc_opts, where, out, partial=False):
    spec_opts = spec_opts or {}
    doc_opts = doc_opts or {}
    if isinstance(spec_opts, Dynamic) or not isinstance(spec_opts, dict):
        return
    spec_names = {k.lower(): k for k in spec_opts}
    doc_names = {k.lower(): k for k in doc_opts}
    for name in sorted(set(spec_names) - set(doc_names)):
        out.append("%s: option %r is in $spec but not documented" % (where, name))
    for name in sorted(set(doc_names) - set(spec_names)) if not partial else []:
        out.append("%s: option %r is documented but not in $spec" % (where, name))
    for name in sorted(set(spec_names) & set(doc_names)):
        s = spec_opts[spec_names[name]]
        d = doc_opts[doc_names[name]] or {}
        if not isinstance(s, dict):
            continue
        here = "%s.%s" % (where, name)
        if any(is_dynamic(s.get(k)) for k in ("type", "elements")):
            continue
        opt_type = s.get("type", "str")
        checks = [
            ("type", opt_type, d.get("type", "str")),
            ("elements", s.get("elements"), d.get("elements")),
            ("required", s.get("required", False), bool(d.get("required", False))),
            ("default", s.get("default"), d.get("default")),
            ("choices", s.get("choices"), d.get("choices")),
            ("aliases", s.get("aliases"), d.get("aliases")),
        ]
        for key, sv, dv in checks:
            if is_dynamic(sv) or (partial and key not in s and key != "required"):
                continue
            if key == "required":
                sv = bool(sv)
            elif key == "default":
                sv, dv = coerce(sv, opt_type), coerce(dv, opt_type)
            elif key in ("choices", "aliases"):
                sv, dv = norm_list(sv), norm_list(dv)
            if sv != dv:
                out.append("%s: %s is %r in $spec but %r in DOCUMENTATION" % (here, key, sv, dv))
        if "options" in s or "suboptions" in d:
            compare(s.get("options"), d.get("suboptions"), here, out, partial)


def check_module(ps1):
    src = ps1.read_bytes()
    if src.startswith(b"\xef\xbb\xbf"):
        src = src[3:]
    if not BASIC_RE.search(src):
        return [], "not Ansible.Basic"
    py = ps1.with_suffix(".py")
    if not py.exists():
        py = ps1.with_suffix(".yml")
    if not py.exists():
        return ["%s: no documentation stub %s(.py|.yml)" % (ps1, ps1.stem)], None
    spec = find_spec(PARSER.parse(src), src)
    if not isinstance(spec, dict) or not isinstance(spec.get("options"), dict):
        return [], "no literal $spec"
    docs = read_docs(py)
    out = []
    # Create($args, $spec, @(Get-...Spec)) merges option specs from module_utils at run time:
    # then only the keys written in this $spec can be checked.
    partial = bool(EXTRA_SPEC_RE.search(src))
    compare(spec["options"], docs.get("options"), str(ps1), out, partial)
    return out, ("partial: extra specs merged at run time" if partial and not out else None)


def main(argv):
    paths = [Path(a) for a in (argv or ["plugins/modules"])]
    files = []
    for path in paths:
        files.extend(sorted(path.rglob("*.ps1")) if path.is_dir() else [path])
    problems, skipped = [], []
    for ps1 in files:
        found, reason = check_module(ps1)
        problems.extend(found)
        if reason:
            skipped.append("%s (%s)" % (ps1, reason))
    for line in problems:
        print(line)
    print("argspec: %d module(s), %d problem(s), %d skipped%s" % (
        len(files), len(problems), len(skipped), (": " + ", ".join(skipped)) if skipped and len(skipped) < 6 else ""),
        file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
