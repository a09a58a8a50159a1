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
or in a checkout with a galaxy.yml, linked into a temporary tree). A module that merges extra specs from module_utils,
Create($args, $spec, @(Get-XSpec, ...)), is checked against $spec plus the literal
hashtable each Get-XSpec function in the sibling module_utils folder returns; when
one of them cannot be read statically, only the keys written in $spec are compared.
Values it cannot evaluate statically are skipped, not guessed. Exit 1 on any mismatch, and on any module
it could check only in part ("partial") or not at all ("skipped": not Ansible.Basic, no literal $spec).
"""
import ast
import atexit
import functools
import os
import re
import shutil
import sys
import tempfile
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
# The common shape of the extra specs: @(Get-ASpec) or @(Get-ASpec, Get-BSpec), each a function call.
EXTRA_SPEC_CALLS_RE = re.compile(rb"::Create\(\s*\$args\s*,\s*\$spec\s*,\s*@\(\s*([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)\s*\)\s*\)")
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


def find_function_value(tree, src, name):
    """The evaluated value of the last statement of `function <name> { ... }`, or None when not defined."""
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "function_statement":
            names = [c for c in node.named_children if c.type == "function_name"]
            if names and text(names[0], src).lower() == name.lower():
                blocks = [c for c in node.named_children if c.type == "script_block"]
                bodies = [c for c in blocks[0].named_children if c.type == "script_block_body"] if blocks else []
                lists = [c for c in bodies[0].named_children if c.type == "statement_list"] if bodies else []
                statements = [c for c in lists[0].named_children if c.type != "comment"] if lists else []
                return evaluate(statements[-1], src) if statements else DYNAMIC
        stack.extend(reversed(node.named_children))
    return None


def read_source(path):
    """A PowerShell file's bytes without its UTF-8 BOM (legal in PowerShell, noise to the parser)."""
    data = path.read_bytes()
    return data[3:] if data.startswith(b"\xef\xbb\xbf") else data


@functools.lru_cache(maxsize=None)
def parsed_utils(utils):
    """(syntax tree, source) of every .psm1/.ps1 in a module_utils folder, parsed once per run."""
    sources = []
    for path in sorted(utils.glob("*.ps*1")) if utils.is_dir() else []:
        data = read_source(path)
        sources.append((PARSER.parse(data), data))
    return tuple(sources)


def extra_specs(ps1, src):
    """(list of (function name, spec dict), reason) for Create($args, $spec, @(Get-XSpec, ...)).

    Each function is looked up in the .psm1/.ps1 files of the module_utils folder beside the modules folder.
    reason is None when every extra spec was read; otherwise it says what was not, and the caller checks only
    the keys written in $spec.
    """
    match = EXTRA_SPEC_CALLS_RE.search(src)
    if not match:
        return [], "extra specs are not a list of Get-XSpec calls"
    names = [n.strip().decode("ascii") for n in match.group(1).split(b",")]
    utils = ps1.resolve().parent.parent / "module_utils"
    specs = []
    for name in names:
        value = None
        for tree, data in parsed_utils(utils):
            value = find_function_value(tree, data, name)
            if value is not None:
                break
        if value is None:
            return [], "%s not found in %s" % (name, utils)
        if not isinstance(value, dict) or not isinstance(value.get("options"), dict):
            return [], "%s does not return a literal spec with options" % name
        specs.append((name, value))
    return specs, None


_LINKS = {}  # checkout folder -> temporary collections root linking it


def collection_of(py_path):
    """(path of the stub inside an ansible_collections tree, collections root, 'ns.name'), or None.

    A stub already under ansible_collections/NS/NAME is used where it is; a checkout elsewhere is linked into a
    temporary ansible_collections tree named from its galaxy.yml, so doc fragments resolve in both.
    """
    given = Path(os.path.abspath(py_path))  # as given: a collections tree may link to the checkout
    parts = given.parts
    if "ansible_collections" in parts:
        idx = len(parts) - 1 - parts[::-1].index("ansible_collections")
        if len(parts) >= idx + 3:
            return given, str(Path(*parts[:idx])), "%s.%s" % (parts[idx + 1], parts[idx + 2])
        return None
    for top in py_path.resolve().parents:
        galaxy = top / "galaxy.yml"
        if galaxy.is_file():
            meta = yaml.safe_load(galaxy.read_text(encoding="utf-8")) or {}
            namespace, name = meta.get("namespace"), meta.get("name")
            if not (namespace and name):
                return None
            root = _LINKS.get(top)
            if root is None:
                root = tempfile.mkdtemp(prefix="ps-argspec-")
                atexit.register(shutil.rmtree, root, True)
                (Path(root) / "ansible_collections" / namespace).mkdir(parents=True)
                (Path(root) / "ansible_collections" / namespace / name).symlink_to(top, target_is_directory=True)
                _LINKS[top] = root
            inside = Path(root, "ansible_collections", namespace, name, py_path.resolve().relative_to(top))
            return inside, root, "%s.%s" % (namespace, name)
    return None


def read_docs_resolved(py_path):
    """DOCUMENTATION with doc fragments merged, via ansible-core's own loader; None if unavailable."""
    found = collection_of(py_path)
    if found is None:
        return None
    stub, root, collection = found
    try:
        from ansible.plugins.loader import fragment_loader, init_plugin_loader
        from ansible.utils.plugin_docs import get_docstring

        if any(type(finder).__name__ == "_AnsibleCollectionFinder" for finder in sys.meta_path):
            pass  # already set up by the caller (the unit tests import this module): use it as it is
        elif getattr(read_docs_resolved, "_root", None) is None:
            init_plugin_loader([root])
            read_docs_resolved._root = root
        elif read_docs_resolved._root != root:
            raise RuntimeError("one collection per run (already loaded %s)" % read_docs_resolved._root)
        doc = get_docstring(str(stub), fragment_loader, verbose=False, collection_name=collection,
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
    src = read_source(ps1)
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
    options = dict(spec["options"])
    reason = None
    if EXTRA_SPEC_RE.search(src):
        # Create($args, $spec, @(Get-...Spec)) merges option specs from module_utils at run time.
        extras, reason = extra_specs(ps1, src)
        for name, extra in extras:
            for option, value in extra["options"].items():
                if option in options:
                    out.append("%s: option %r is in $spec and in %s" % (ps1, option, name))
                options[option] = value
    compare(options, docs.get("options"), str(ps1), out, partial=reason is not None)
    return out, ("partial: %s; only the keys in $spec were checked" % reason if reason and not out else None)


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
    if skipped and not problems:
        print("argspec: a module checked in part or not at all is not checked: make its $spec literal "
              "(or the shared specs it merges readable), or check it another way", file=sys.stderr)
    return 1 if problems or skipped else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
