"""Check PowerShell files against Windows PowerShell 5.1 and .NET Framework 4.8, statically (no Windows, no pwsh).

Usage: ps51_compat_check.py [--verbose] [PATH ...]      (default PATH: plugins tests)

The collection's PowerShell is tested under PowerShell 7 (.NET 10) but runs on Windows PowerShell 5.1
(.NET Framework 4.8). For every *.ps1 / *.psm1 under the given files/directories this prints
    FILE:LINE:COL: PS51 <what>: <why>
for each use that Windows PowerShell 5.1 cannot run, and exits 1 if there is any, 2 if a PATH does not exist:

* .NET type names: type literals ([System.IO.Path], [IO.Path], [List[string]], [Environment+SpecialFolder], casts,
  parameter types, attributes, `catch [X]`, class bases), type-name strings after -is/-isnot/-as and in
  [type]'name', and `New-Object -TypeName X`. A name resolves as 5.1 resolves it: 5.1's type accelerators
  (data/ps51_types.yml, from Microsoft's list), then the name as written, under each `using namespace`, then under
  `System.`; generic arguments map to the arity suffix ([List[string]] -> List`1); attribute names may omit
  `Attribute`. It must exist in the .NET Framework 4.8 + PowerShell Standard 5.1 API table
  (data/dotnet-fx48-ps51-api.json.gz; data/README.md says what it holds).
* [Type]::Member must be a static method, property or field (enum values included) of the type or of a base
  class; [Type]::Method(a, b) needs an overload taking that many arguments (optional and params arguments count).
* [Type]::new(...) and `New-Object Type -ArgumentList ...` need a public constructor taking that many arguments.
* Cmdlets, parameters, parameter values and automatic variables ($IsWindows, ...) that PowerShell 6 or 7 added
  (data/ps7_only.yml, each row with the version and its Microsoft Learn page).

Accepted without a check, and counted on the summary line (--verbose lists each): types defined in the checked
files (class, enum); types listed under `unchecked` in ps51_types.yml, each with its reason (CIM, Hyper-V,
FailoverClusters, Ansible.Basic); names and argument counts only known at run time ([type]$name, New-Object
$name, -ArgumentList $list, ::$member). A finding on a line containing "ps51-compat: ignore" is not reported
but counted as waived.

Not checked here: PowerShell 7 syntax (??, ?:, &&, ||: tools/ps_syntax_check.py, and PSScriptAnalyzer's
PSUseCompatibleSyntax in tools/ps_compat_syntax.ps1); members of untyped values ($x.Foo) and argument types (an
overload that differs only by type, such as .NET's String.Join(char, ...), passes); abbreviated or splatted
cmdlet parameters; assemblies that 5.1 loads only after Add-Type -AssemblyName.
"""
import collections
import functools
import gzip
import json
import re
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ps_syntax_check import PARSER, iter_files, read_source  # noqa: E402  pylint: disable=wrong-import-position

DATA = Path(__file__).resolve().parent / "data"
API_FILE = DATA / "dotnet-fx48-ps51-api.json.gz"
WAIVER = "ps51-compat: ignore"
DEFAULT_PATHS = ["plugins", "tests"]
NEW_OBJECT_VALUE_PARAMS = ["TypeName", "ArgumentList", "Property", "ComObject", "ErrorAction", "WarningAction",
                           "InformationAction", "ErrorVariable", "WarningVariable", "InformationVariable",
                           "OutVariable", "OutBuffer", "PipelineVariable"]
NEW_OBJECT_SWITCHES = ["Strict", "Verbose", "Debug"]
NEW_OBJECT_ALIASES = {"args": "ArgumentList", "ea": "ErrorAction", "wa": "WarningAction", "infa": "InformationAction",
                      "ev": "ErrorVariable", "wv": "WarningVariable", "iv": "InformationVariable",
                      "ov": "OutVariable", "ob": "OutBuffer", "pv": "PipelineVariable", "vb": "Verbose", "db": "Debug"}
RUN_TIME = ("known at run time",)
LITERAL_NODES = {"string_literal", "integer_literal", "real_literal", "hash_literal_expression",
                 "script_block_expression", "type_literal"}


class TypeRef(collections.namedtuple("TypeRef", "name args arrays")):
    """A parsed type name: `name`, generic arguments (TypeRefs), and the dimensions of each array suffix
    (`int[,][]` -> (2, 1); () when it is not an array)."""

    def __str__(self):
        text = self.name + ("[%s]" % ", ".join(str(a) for a in self.args) if self.args else "")
        return text + "".join("[%s]" % ("," * (dims - 1)) for dims in self.arrays)


_NAME = re.compile(r"\s*([A-Za-z_][\w.+`]*)\s*")


def parse_type(text):
    """'Collections.Generic.Dictionary[string, int[]][]' -> TypeRef; ValueError when it is not a plain type name."""
    ref, end = _parse_type(text, 0)
    if end != len(text):
        raise ValueError(text)
    return ref


def _parse_type(text, pos):
    match = _NAME.match(text, pos)
    if not match:
        raise ValueError(text)
    name, pos, args, arrays = match.group(1), match.end(), [], []
    while pos < len(text) and text[pos] == "[":
        inner = text[pos + 1:].lstrip()
        if inner[:1] in (",", "]"):  # [] or [,]: an array
            close = text.index("]", pos)
            if text[pos + 1:close].replace(",", "").strip():
                raise ValueError(text)
            arrays.append(text.count(",", pos, close) + 1)
            pos = close + 1
            continue
        if args or arrays:
            raise ValueError(text)
        pos += 1
        while True:
            if text[pos:].lstrip().startswith("["):  # [[System.String, mscorlib]]: assembly-qualified argument
                arg, pos = _parse_type(text, text.index("[", pos) + 1)
                pos = text.index("]", pos) + 1
                pos = len(text) - len(text[pos:].lstrip())
            else:
                arg, pos = _parse_type(text, pos)
            args.append(arg)
            if text[pos:pos + 1] == ",":
                pos += 1
            elif text[pos:pos + 1] == "]":
                pos += 1
                break
            else:
                raise ValueError(text)
        pos = len(text) - len(text[pos:].lstrip())
    return TypeRef(name, tuple(args), tuple(arrays)), pos


@functools.lru_cache(maxsize=None)
def load_api(path=API_FILE):
    """The API table with lower-cased type names (PowerShell ignores case): name -> (full name, record)."""
    with gzip.open(str(path), "rt", encoding="utf-8") as handle:
        types = json.load(handle)["types"]
    return {name.lower(): (name, record) for name, record in types.items()}


@functools.lru_cache(maxsize=None)
def load_yaml(name):
    with open(str(DATA / name), encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def ps7_rows():
    """ps7_only.yml as {cmdlet (lower): [rows]}, with 5.1 aliases of each cmdlet mapped to the same rows."""
    data = load_yaml("ps7_only.yml")
    by_cmdlet = collections.defaultdict(list)
    for row in data["rows"]:
        for cmdlet in row["cmdlet"] if isinstance(row["cmdlet"], list) else [row["cmdlet"]]:
            by_cmdlet[cmdlet.lower()].append(dict(row, cmdlet=cmdlet))
    for cmdlet, aliases in data.get("cmdlet_aliases", {}).items():
        for alias in aliases:
            by_cmdlet[alias.lower()].extend(by_cmdlet.get(cmdlet.lower(), []))
    return dict(by_cmdlet)


def ps7_variables():
    """ps7_only.yml's automatic variables as {name (lower): row}."""
    return {row["name"].lower(): row for row in load_yaml("ps7_only.yml").get("variables", [])}


class Resolution(collections.namedtuple("Resolution", "status name record note")):
    """status: api (record set), array (note = dimensions of each array suffix), local and unchecked
    (note = (category, reason)), missing (note = why)."""


class Resolver(object):
    """Resolves type names the way Windows PowerShell 5.1 does, against the API table."""

    def __init__(self, local_types=(), usings=()):
        self.api = load_api()
        types = load_yaml("ps51_types.yml")
        self.accelerators = {k.lower(): v for k, v in types["accelerators"].items()}
        self.unchecked = [(u["name"], " ".join(u["reason"].split())) for u in types["unchecked"]]
        self.local = {t.lower() for t in local_types}
        self.usings = list(usings)

    def record(self, full_name):
        found = self.api.get(full_name.lower())
        return found[1] if found else None

    def resolve(self, ref, attribute=False):
        """Resolution of a TypeRef, and the problems of its generic arguments (list of strings)."""
        problems = []
        for arg in ref.args:
            res, sub = self.resolve(arg)
            problems.extend(sub)
            if res.status == "missing":
                problems.append("type argument [%s]: %s" % (arg, res.note))
        base = self._lookup(ref.name, len(ref.args), attribute)
        if ref.arrays and base.status != "missing":
            return Resolution("array", str(ref), None, ref.arrays), problems
        return base, problems

    def _lookup(self, name, arity, attribute):
        key = name.lower()
        if not arity and key in self.local:
            return Resolution("local", name, None, ("class/enum of the checked files", "defined in the checked files"))
        if not arity and key in self.accelerators:
            full = self.accelerators[key]
            found = self.api.get(full.lower())
            if found:
                return Resolution("api", found[0], found[1], None)
            note = self._unchecked(full) or ("5.1 accelerator", "a Windows PowerShell 5.1 type accelerator outside the API table")
            return Resolution("unchecked", full, None, note)
        suffix = "`%d" % arity if arity and "`" not in name else ""
        names = [name] + ["%s.%s" % (ns, name) for ns in self.usings] + ["System." + name]
        if attribute and not key.endswith("attribute"):
            names = [n + "Attribute" for n in names] + names
        for candidate in names:
            found = self.api.get((candidate + suffix).lower())
            if found:
                if found[1].get("incomplete"):
                    return Resolution("unchecked", found[0], None, ("incomplete", "its details are not in the API table"))
                return Resolution("api", found[0], found[1], None)
        for candidate in names:
            note = self._unchecked(candidate)
            if note:
                return Resolution("unchecked", candidate, None, note)
        if key.startswith("system.management.automation.") or key.startswith("management.automation."):
            why = "not in PowerShell Standard 5.1, the System.Management.Automation API common to 5.1 and 7"
        else:
            why = "no such type in .NET Framework 4.8 or Windows PowerShell 5.1"
        if arity:
            why += " (generic with %d type argument%s)" % (arity, "" if arity == 1 else "s")
        return Resolution("missing", name, None, why)

    def _unchecked(self, full_name):
        low = full_name.lower()
        for name, reason in self.unchecked:
            if low == name.lower() or (name.endswith(".") and low.startswith(name.lower())):
                return name + ("*" if name.endswith(".") else ""), reason
        return None

    def chain(self, record):
        """The record and the records of its base classes."""
        seen = 0
        while record is not None and seen < 64:
            yield record
            record = self.record(record["base"]) if record.get("base") else None
            seen += 1

    def static_member(self, record, member):
        """('method', counts, params_from) / ('property'|'field', None, None) / None for a static member."""
        low = member.lower()
        counts, params_from, kind = set(), None, None
        for rec in self.chain(record):
            for name, accepted in rec.get("sm", {}).items():
                if name.lower() == low:
                    kind = "method"
                    counts.update(accepted)
                    start = {k.lower(): v for k, v in rec.get("smv", {}).items()}.get(low)
                    if start is not None:
                        params_from = start if params_from is None else min(params_from, start)
            if kind is None:
                for key, what in (("sp", "property"), ("sf", "field")):
                    if any(name.lower() == low for name in rec.get(key, [])):
                        return what, None, None
        return (kind, counts, params_from) if kind else None


def accepts(counts, params_from, argc):
    return argc in counts or (params_from is not None and argc >= params_from)


def describe_counts(counts, params_from):
    """'1, 2' / '0 or 2 or more' / 'none'."""
    words = [str(c) for c in sorted(counts) if params_from is None or c < params_from]
    if params_from is not None:
        words.append("%d or more" % params_from)
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else (words[0] if words else "none")


class Checker(object):
    """Checks one parsed file; findings are (row, col, text), unchecked uses (row, col, what, reason)."""

    def __init__(self, resolver, rows, source, tree):
        self.resolver, self.rows, self.src, self.tree = resolver, rows, source, tree
        self.findings, self.unchecked = [], []
        self.type_uses = 0

    def text(self, node):
        return self.src[node.start_byte:node.end_byte].decode("utf-8", "replace")

    def report(self, node, message):
        self.findings.append((node.start_point[0], node.start_point[1], message))

    def skip(self, node, what, note):
        """An accepted, unchecked use; note = (category for the summary, reason)."""
        self.unchecked.append((node.start_point[0], node.start_point[1], what) + tuple(note))

    def run(self):
        stack = [self.tree.root_node]
        while stack:
            node = stack.pop()
            kind = node.type
            if kind == "type_literal":
                self.type_literal(node)
            elif kind == "attribute_name":
                self.type_spec_node(node, attribute=True)
            elif kind == "class_statement":
                for child in node.named_children:
                    if child.type == "type_spec":
                        self.type_spec_node(child)
            elif kind in ("member_access", "invocation_expression"):
                self.static_access(node)
            elif kind == "comparison_expression":
                self.type_operator(node)
            elif kind == "cast_expression":
                self.type_cast(node)
            elif kind == "command":
                self.command(node)
            elif kind == "variable":
                self.variable(node)
            stack.extend(reversed(node.children))
        return self

    # --- type names -------------------------------------------------------------------------------------------
    def check_type(self, node, text, attribute=False):
        """Resolve a type name written at node; report it when missing. Returns the Resolution or None."""
        try:
            ref = parse_type(text)
        except ValueError:
            self.report(node, "type [%s]: cannot read this type name" % text.strip())
            return None
        self.type_uses += 1
        res, problems = self.resolver.resolve(ref, attribute)
        for problem in problems:
            self.report(node, "type [%s]: %s" % (text.strip(), problem))
        if res.status == "missing":
            self.report(node, "type [%s]: %s" % (text.strip(), res.note))
        elif res.status in ("unchecked", "local"):
            self.skip(node, "[%s]" % text.strip(), res.note)
        return res

    def type_spec_node(self, node, attribute=False):
        spec = node if node.type == "type_spec" else next((c for c in node.named_children if c.type == "type_spec"),
                                                          None)
        if spec is not None:
            self.check_type(spec, self.text(spec), attribute)

    def type_literal(self, node):
        spec = next((c for c in node.named_children if c.type == "type_spec"), None)
        if spec is None or self._is_static_target(node):
            return  # [Type]::Member is checked with its member
        name = self.text(spec).strip()
        parent = node.parent
        if name.lower() in {p.lower() for p in load_yaml("ps51_types.yml")["hash_literal_prefixes"]}:
            operand = parent.named_children[-1] if parent is not None and parent.type == "cast_expression" else None
            if operand is None or self._unwrap(operand).type != "hash_literal_expression":
                self.report(node, "[%s] is not a type in Windows PowerShell 5.1: only a prefix of a hashtable literal "
                                  "([%s]@{...})" % (name, name))
            return
        self.check_type(spec, name)

    def type_operator(self, node):
        """$x -is 'Name' / -isnot / -as with a type name in a string."""
        children = node.named_children
        if len(children) != 3 or self.text(children[1]).strip().lower() not in ("-is", "-isnot", "-as"):
            return
        name = self.string_value(children[2])
        if name is not None:
            self.check_type(children[2], name)

    def type_cast(self, node):
        """[type]'Name' converts a type name in a string."""
        children = node.named_children
        if len(children) == 2 and children[0].type == "type_literal":
            if self.text(children[0]).replace(" ", "").lower() in ("[type]", "[system.type]"):
                name = self.string_value(children[1])
                if name is not None:
                    self.check_type(children[1], name)

    # --- static members, ::new --------------------------------------------------------------------------------
    @staticmethod
    def _is_static_target(node):
        parent = node.parent
        if parent is None or parent.type not in ("member_access", "invocation_expression"):
            return False
        if parent.children[0] != node:
            return False
        return len(parent.children) > 1 and parent.children[1].type == "::"

    def static_access(self, node):
        if not node.children or node.children[0].type != "type_literal" or not self._is_static_target(
                node.children[0]):
            return
        literal = node.children[0]
        spec = next((c for c in literal.named_children if c.type == "type_spec"), None)
        member_node = next((c for c in node.named_children if c.type == "member_name"), None)
        if spec is None or member_node is None:
            return
        type_text = self.text(spec).strip()
        res = self.check_type(spec, type_text)
        member = self.text(member_node).strip()
        where = "[%s]::%s" % (type_text, member)
        if not re.fullmatch(r"[A-Za-z_]\w*", member):
            self.skip(member_node, where, RUN_TIME + ("the member name is only known at run time",))
            return
        if res is None or res.status in ("missing", "local", "unchecked"):
            return
        args = next((c for c in node.named_children if c.type == "argument_list"), None)
        argc = None if args is None else self.count_arguments(args)
        if member.lower() == "new":
            self.check_ctor(member_node, res, argc, where)
            return
        record = res.record if res.status == "api" else self.resolver.record("System.Array")
        found = self.resolver.static_member(record, member)
        owner = res.name if res.status == "api" else "System.Array (an array type)"
        if found is None:
            what = "value" if record.get("kind") == "enum" else "static member"
            self.report(member_node, "%s: %s has no %s %s in .NET Framework 4.8" % (where, owner, what, member))
        elif argc is not None and found[0] != "method":
            return  # calling what a property returns, e.g. [Type]::Prop(...) on a delegate: not checked
        elif argc is not None and not accepts(found[1], found[2], argc):
            self.report(member_node, "%s with %d argument(s): the .NET Framework 4.8 overloads of %s.%s take %s" % (
                where, argc, owner, member, describe_counts(found[1], found[2])))

    def check_ctor(self, node, res, argc, where):
        if res.status == "array":
            if argc is not None and argc not in res.note:
                self.report(node, "%s with %d argument(s): an array type takes one length per dimension (%s)" % (
                    where, argc, " or ".join(str(d) for d in sorted(set(res.note)))))
            return
        record = res.record
        kind = record.get("kind")
        if kind == "delegate":
            return  # PowerShell builds a delegate from one script block
        if kind in ("interface", "enum") or record.get("static") or record.get("abstract"):
            what = "static class" if record.get("static") else "abstract class" if record.get("abstract") else kind
            self.report(node, "%s: %s is %s %s and has no constructor" % (
                where, res.name, "an" if what[0] in "aeiou" else "a", what))
            return
        counts, params_from = set(record.get("ctor", [])), record.get("ctorv")
        if kind == "struct":
            counts.add(0)
        if not counts and params_from is None:
            self.report(node, "%s: %s has no public constructor in .NET Framework 4.8" % (where, res.name))
        elif argc is None:
            self.skip(node, where, RUN_TIME + ("the argument count is only known at run time",))
        elif not accepts(counts, params_from, argc):
            self.report(node, "%s with %d argument(s): the .NET Framework 4.8 constructors of %s take %s" % (
                where, argc, res.name, describe_counts(counts, params_from)))

    def count_arguments(self, argument_list):
        expressions = [c for c in argument_list.named_children if c.type == "argument_expression_list"]
        return sum(1 for e in expressions for c in e.named_children if c.type == "argument_expression")

    # --- commands ---------------------------------------------------------------------------------------------
    def command(self, node):
        name_node = next((c for c in node.named_children if c.type == "command_name"), None)
        if name_node is None:
            return
        name = self.text(name_node).strip().rsplit("\\", 1)[-1]
        elements = self.command_elements(node)
        if name.lower() == "new-object":
            self.new_object(node, elements)
        for row in self.rows.get(name.lower(), []):
            self.ps7_row(name_node, name, row, elements)

    def command_elements(self, node):
        """[('param', name, node) | ('arg', None, node)] in order."""
        out = []
        for group in (c for c in node.named_children if c.type == "command_elements"):
            for child in group.named_children:
                if child.type == "command_argument_sep":
                    continue
                if child.type == "command_parameter":
                    out.append(("param", self.text(child).strip().lstrip("-").rstrip(":"), child))
                else:
                    out.append(("arg", None, child))
        return out

    def ps7_row(self, name_node, name, row, elements):
        url = row["url"]
        if "parameter" not in row:
            self.report(name_node, "%s: cmdlet added in PowerShell %s; Windows PowerShell 5.1 has no %s (%s)" % (
                name, row["added"], row["cmdlet"], url))
            return
        names = {row["parameter"].lower()} | {a.lower() for a in row.get("aliases", [])}
        for index, (kind, param, node) in enumerate(elements):
            if kind != "param" or param.lower() not in names:
                continue
            if "values" not in row:
                self.report(node, "%s -%s: parameter added in PowerShell %s; Windows PowerShell 5.1's %s has no -%s "
                                  "(%s)" % (name, param, row["added"], row["cmdlet"], row["parameter"], url))
                continue
            following = elements[index + 1] if index + 1 < len(elements) else None
            value = self.string_value(following[2]) if following and following[0] == "arg" else None
            if value is not None and value.lower() in {v.lower() for v in row["values"]}:
                self.report(following[2], "%s -%s %s: value added in PowerShell %s; Windows PowerShell 5.1's %s does "
                                          "not accept it (%s)" % (name, param, value, row["added"], row["cmdlet"], url))

    def new_object(self, node, elements):
        bound, positional, index = {}, [], 0
        params = NEW_OBJECT_VALUE_PARAMS + NEW_OBJECT_SWITCHES
        while index < len(elements):
            kind, param, child = elements[index]
            if kind == "arg":
                positional.append(child)
            else:
                full = NEW_OBJECT_ALIASES.get(param.lower())
                if full is None:
                    matches = [p for p in params if p.lower().startswith(param.lower())]
                    exact = [p for p in matches if p.lower() == param.lower()]
                    full = (exact or matches)[0] if len(exact or matches) == 1 else param
                if full in NEW_OBJECT_VALUE_PARAMS and index + 1 < len(elements) and elements[index + 1][0] == "arg":
                    bound[full] = elements[index + 1][2]
                    index += 1
                else:
                    bound[full] = None
            index += 1
        for name, value in zip(("TypeName", "ArgumentList"), positional):
            bound.setdefault(name, value)
        if "ComObject" in bound or "TypeName" not in bound or bound["TypeName"] is None:
            return
        type_node = bound["TypeName"]
        type_name = self.string_value(type_node)
        if type_name is None:
            self.skip(type_node, "New-Object %s" % self.text(type_node).strip(),
                      RUN_TIME + ("the type name is only known at run time",))
            return
        res = self.check_type(type_node, type_name)
        if res is None or res.status in ("missing", "local", "unchecked"):
            return
        arg_node = bound.get("ArgumentList")
        argc = 0 if arg_node is None else self.argument_list_count(arg_node)
        self.check_ctor(type_node, res, argc, "New-Object %s" % type_name)

    def argument_list_count(self, node):
        """How many constructor arguments `-ArgumentList <node>` passes; None when only known at run time."""
        node = self._unwrap(node)
        if node.type == "array_literal_expression":
            return len(node.named_children)
        if node.type == "array_expression":
            statements = [c for c in node.named_children if c.type == "statement_list"]
            pipelines = [p for s in statements for p in s.named_children]
            if not pipelines:
                return 0
            if len(pipelines) == 1:
                inner = self._unwrap(pipelines[0])
                if inner.type == "array_literal_expression":
                    return len(inner.named_children)
                if inner.type in LITERAL_NODES:
                    return 1
            return None
        if node.type in LITERAL_NODES or node.type == "generic_token":
            return 1
        if node.type == "variable" and self.text(node).lower() in ("$true", "$false", "$null"):
            return 1
        return None

    def variable(self, node):
        name = re.sub(r"^\$\{?|\}$", "", self.text(node)).split(":")[-1].lower()
        row = ps7_variables().get(name)
        if row is not None:
            self.report(node, "$%s: automatic variable added in PowerShell %s; Windows PowerShell 5.1 does not set it "
                              "(%s)" % (row["name"], row["added"], row["url"]))

    # --- helpers ----------------------------------------------------------------------------------------------
    def _unwrap(self, node):
        """The expression inside unary_expression / pipeline / parentheses wrappers that hold exactly one child."""
        while node.type in ("unary_expression", "pipeline", "pipeline_chain", "parenthesized_expression",
                            "argument_expression") and len(node.named_children) == 1:
            node = node.named_children[0]
        return node

    def string_value(self, node):
        """The text of a bare word or a string without interpolation; None for anything computed."""
        node = self._unwrap(node)
        raw = self.text(node).strip()
        if node.type == "generic_token" and "$" not in raw:
            return raw
        if node.type == "string_literal":
            if raw.startswith("'") and raw.endswith("'") and len(raw) >= 2:
                return raw[1:-1].replace("''", "'")
            if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2 and not re.search(r"[$`]", raw):
                return raw[1:-1]
        return None


def defined_types(tree, src):
    """Names of the classes and enums a file defines."""
    names, stack = set(), [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type in ("class_statement", "enum_statement"):
            name = next((c for c in node.named_children if c.type == "simple_name"), None)
            if name is not None:
                names.add(src[name.start_byte:name.end_byte].decode("utf-8", "replace"))
        stack.extend(node.named_children)
    return names


def using_namespaces(tree, src):
    found = []
    for node in tree.root_node.named_children:
        if node.type != "using_directive_list":
            continue
        for using in node.named_children:
            text = src[using.start_byte:using.end_byte].decode("utf-8", "replace").split()
            if len(text) >= 3 and text[1].lower() == "namespace":
                found.append(text[2])
    return found


def check_files(files):
    """(findings, unchecked, waived, type_uses): findings are 'FILE:LINE:COL: PS51 ...' lines, unchecked are
    (line, category) pairs."""
    parsed = []
    for path in files:
        src = read_source(path)
        parsed.append((path, src, PARSER.parse(src)))
    local = set()
    for _path, src, tree in parsed:
        local |= defined_types(tree, src)
    rows = ps7_rows()
    findings, unchecked, waived, type_uses = [], [], 0, 0
    for path, src, tree in parsed:
        checker = Checker(Resolver(local, using_namespaces(tree, src)), rows, src, tree).run()
        lines = src.splitlines()
        type_uses += checker.type_uses
        for row, col, message in sorted(set(checker.findings)):
            if row < len(lines) and WAIVER.encode() in lines[row]:
                waived += 1
                continue
            findings.append("%s:%d:%d: PS51 %s" % (path, row + 1, col + 1, message))
        unchecked.extend(("%s:%d:%d: %s: %s" % (path, r + 1, c + 1, what, why), category)
                         for r, c, what, category, why in sorted(set(checker.unchecked)))
    return findings, unchecked, waived, type_uses


def main(argv):
    verbose = "--verbose" in argv
    paths = [a for a in argv if a != "--verbose"] or DEFAULT_PATHS
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        print("ps51_compat_check: no such file or directory: %s" % ", ".join(missing), file=sys.stderr)
        return 2
    start = time.monotonic()
    files = list(iter_files(paths))
    findings, unchecked, waived, type_uses = check_files(files)
    for line in findings:
        print(line)
    if verbose:
        for line, _category in unchecked:
            print("unchecked: " + line, file=sys.stderr)
    reasons = collections.Counter(category for _line, category in unchecked)
    print("ps51_compat_check: %d PowerShell file(s), %d type name(s) checked against .NET Framework 4.8 + PowerShell "
          "5.1, %d use(s) accepted unchecked%s, %d waived, %d problem(s), %.1f s" % (
              len(files), type_uses, len(unchecked),
              (" (%s)" % ", ".join("%d %s" % (n, r) for r, n in reasons.most_common())) if reasons else "",
              waived, len(findings), time.monotonic() - start), file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
