"""Mutation run over the controller's decision modules (plugins/plugin_utils), one module at a time, by hand.

    make mutation MODULE=_vms            # or: python tools/mutation.py _vms [_cluster ...]

Cosmic Ray (in a virtualenv of its own, tools/requirements-mutation.txt) makes small changes to one module, one at a
time, and runs the unit tests that import that module, directly or through another module of the collection; a
change the tests do not notice "survived". It works on a copy of the repository's tracked files laid out as
ansible_collections/hyperv/azlocal in a work folder, never on the checkout. Per module it prints the kill rate and
every survivor (line, operator, the changed line), and writes them to <work>/<module>/report.txt.

Not a CI gate: a full run takes minutes to hours per module. Operators left out (see EXCLUDED_OPERATORS): the
variable inserter and replacer (noise: thousands of mutants that rename variables) and the replacements of '%'
(it formats messages here, never computes).

Environment: MUTATION_WORK (work folder, default ./.mutation), MUTATION_PYTHON (the Python that has the project's
test requirements, default .venv/bin/python, else the current one), MUTATION_TIMEOUT (seconds per test run, 120).
"""
import ast
import os
import shutil
import subprocess
import sys
import venv

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
PLUGIN_UTILS = os.path.join("plugins", "plugin_utils")
EXCLUDED_OPERATORS = ["core/VariableInserter", "core/VariableReplacer", r"core/ReplaceBinaryOperator_Mod_.*",
                      r"core/ReplaceBinaryOperator_.*_Mod"]
REQUIREMENTS = os.path.join(ROOT, "tools", "requirements-mutation.txt")


def work_dir():
    return os.path.abspath(os.environ.get("MUTATION_WORK") or os.path.join(ROOT, ".mutation"))


def project_python():
    candidate = os.environ.get("MUTATION_PYTHON") or os.path.join(ROOT, ".venv", "bin", "python")
    return candidate if os.path.exists(candidate) else sys.executable


def cosmic_ray_venv(work):
    """The virtualenv with Cosmic Ray (made on first use)."""
    path = os.path.join(work, "venv")
    bin_dir = os.path.join(path, "bin")
    if not os.path.exists(os.path.join(bin_dir, "cosmic-ray")):
        venv.create(path, with_pip=True)
        subprocess.run([os.path.join(bin_dir, "pip"), "install", "-q", "-r", REQUIREMENTS], check=True)
    return bin_dir


def copy_tree(work):
    """The tracked files of the checkout under <work>/tree/ansible_collections/hyperv/azlocal (fresh each run)."""
    tree = os.path.join(work, "tree")
    shutil.rmtree(tree, ignore_errors=True)
    target = os.path.join(tree, "ansible_collections", "hyperv", "azlocal")
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, stdout=subprocess.PIPE).stdout
    for name in filter(None, files.decode("utf-8").split("\0")):
        source = os.path.join(ROOT, name)
        if os.path.isfile(source):
            os.makedirs(os.path.dirname(os.path.join(target, name)), exist_ok=True)
            shutil.copy2(source, os.path.join(target, name))
    return tree, target


def _imported_modules(path):
    """Module names (last component, for example '_vms') a Python file imports from this collection."""
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), path)
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if "plugins" in module or node.level:
                last = module.rsplit(".", 1)[-1]
                names.add(last)
                names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name.rsplit(".", 1)[-1] for alias in node.names)
    return names


def tests_for(module, target):
    """Test files that import module, or a plugin of the collection that imports it directly (one level: the
    tests further away rarely see a change the nearer ones miss, and each run would take minutes)."""
    users = {module}
    for folder, _dirs, files in os.walk(os.path.join(target, "plugins")):
        for name in files:
            if name.endswith(".py") and module in _imported_modules(os.path.join(folder, name)):
                users.add(name[:-3])
    direct, other = [], []
    for folder, _dirs, files in os.walk(os.path.join(target, "tests", "unit")):
        for name in sorted(files):
            if name.startswith("test_") and name.endswith(".py"):
                path = os.path.join(folder, name)
                imported = _imported_modules(path)
                if module in imported:
                    direct.append(os.path.relpath(path, target))
                elif imported & users:
                    other.append(os.path.relpath(path, target))
    # the module's own tests first: with -x a mutant they notice is done in seconds
    return sorted(direct) + sorted(other)


def run_module(module, bin_dir, tree, target, work):
    source = os.path.join(PLUGIN_UTILS, module + ".py")
    if not os.path.exists(os.path.join(target, source)):
        sys.exit("mutation: no module %s" % source)
    tests = tests_for(module, target)
    if not tests:
        sys.exit("mutation: no unit test imports %s" % module)
    out = os.path.join(work, module)
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    timeout = float(os.environ.get("MUTATION_TIMEOUT", "120"))
    command = [project_python(), "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly"] + tests
    config = os.path.join(out, "config.toml")
    excluded = ", ".join('"%s"' % e.replace("\\", "\\\\") for e in EXCLUDED_OPERATORS)
    with open(config, "w", encoding="utf-8") as handle:
        handle.write('[cosmic-ray]\nmodule-path = "%s"\ntimeout = %s\nexcluded-modules = []\n'
                     'test-command = "%s"\n\n[cosmic-ray.distributor]\nname = "local"\n\n'
                     '[cosmic-ray.filters.operators-filter]\nexclude-operators = [%s]\n'
                     % (source, timeout, " ".join(command), excluded))
    session = os.path.join(out, "session.sqlite")
    env = dict(os.environ, PYTHONPATH=tree, PYTHONDONTWRITEBYTECODE="1")
    print("mutation: %s, %d test file(s): %s" % (source, len(tests), " ".join(tests)), flush=True)

    def cr(*args, capture=False):
        return subprocess.run([os.path.join(bin_dir, args[0])] + list(args[1:]), cwd=target, env=env, check=True,
                              stdout=subprocess.PIPE if capture else None, universal_newlines=True)

    cr("cosmic-ray", "init", config, session)
    cr("cr-filter-operators", session, config)
    cr("cosmic-ray", "baseline", config)
    cr("cosmic-ray", "exec", config, session)
    dump = cr("cosmic-ray", "dump", session, capture=True).stdout
    report = summarize(dump, target, source)
    with open(os.path.join(out, "report.txt"), "w", encoding="utf-8") as handle:
        handle.write(report)
    print(report, flush=True)


def summarize(dump, target, source):
    """Kill rate and survivors from `cosmic-ray dump` (one JSON [work item, result] per line)."""
    import json  # pylint: disable=import-outside-toplevel

    with open(os.path.join(target, source), encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    counts = {"killed": 0, "survived": 0, "incompetent": 0, "skipped": 0}
    survivors = []
    for raw in dump.splitlines():
        item, result = json.loads(raw)
        if not result:
            continue
        if result.get("worker_outcome") == "skipped":
            counts["skipped"] += 1
            continue
        outcome = result.get("test_outcome")
        counts[outcome] = counts.get(outcome, 0) + 1
        if outcome == "survived":
            mutation = item["mutations"][0]
            line = mutation["start_pos"][0]
            survivors.append("  %s:%d %s: %s" % (source, line, mutation["operator_name"], lines[line - 1].strip()[:110]))
    tested = counts["killed"] + counts["survived"]
    rate = 100.0 * counts["killed"] / tested if tested else 0.0
    head = ("%s: %d mutants tested, %d killed, %d survived (kill rate %.1f%%); %d incompetent (did not load), "
            "%d skipped (excluded operators)" % (source, tested, counts["killed"], counts["survived"], rate,
                                                 counts["incompetent"], counts["skipped"]))
    return "\n".join([head, "survivors:" if survivors else "no survivors"] + sorted(survivors)) + "\n"


def main(argv):
    modules = [m if m.startswith("_") else "_" + m for m in argv]
    if not modules:
        names = sorted(f[:-3] for f in os.listdir(os.path.join(ROOT, PLUGIN_UTILS)) if f.startswith("_") and f.endswith(".py"))
        sys.exit("usage: make mutation MODULE=<name> (one of: %s)" % ", ".join(n for n in names if n != "__init__"))
    work = work_dir()
    os.makedirs(work, exist_ok=True)
    bin_dir = cosmic_ray_venv(work)
    tree, target = copy_tree(work)
    for module in modules:
        run_module(module, bin_dir, tree, target, work)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
