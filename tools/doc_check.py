"""ansible-doc every plugin and role found in the source tree, as installed from the built tarball.

Usage: doc_check.py --tree SRC --installed DIR

Plugins are enumerated from the source tree (so a new one can never be missed) and also from
`ansible-doc -l` of the installed collection (so a filter defined in a file of another name is covered).
Each must render with a description; a plugin in the tree that the installed collection does not list,
or that ansible-doc cannot document, is a failure.
"""
import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

COLLECTION = "hyperv.azlocal"
# plugin type -> folder; modules cover action plugins (an action's docs live in the module of its name).
TYPES = {
    "module": "modules", "filter": "filter", "test": "test", "lookup": "lookup", "inventory": "inventory",
    "callback": "callback", "connection": "connection", "become": "become", "cache": "cache", "vars": "vars",
}


def tree_names(tree, plugin_type):
    if plugin_type == "role":
        folder = Path(tree) / "roles"
        return {p.name for p in folder.iterdir() if (p / "tasks").is_dir()} if folder.is_dir() else set()
    folder = Path(tree) / "plugins" / TYPES[plugin_type]
    if not folder.is_dir():
        return set()
    names = set()
    for path in folder.iterdir():
        if path.name.startswith("_") or path.name == "__init__.py":
            continue
        if path.suffix in (".py", ".ps1") or (path.suffix in (".yml", ".yaml") and plugin_type in ("filter", "test")):
            names.add(path.stem)
    if plugin_type in ("filter", "test"):
        # a .py that only holds a FilterModule/TestModule for sidecar-documented plugins has no docs of its own
        names = {n for n in names if (folder / (n + ".yml")).exists() or _has_docs(folder / (n + ".py"))}
    return names


def _has_docs(path):
    return path.exists() and "DOCUMENTATION" in path.read_text(encoding="utf-8")


def ansible_doc(args):
    proc = subprocess.run(["ansible-doc"] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, check=False)
    return proc


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--tree", required=True)
    parser.add_argument("--installed", required=True)
    args = parser.parse_args(argv)
    os.environ["ANSIBLE_COLLECTIONS_PATH"] = args.installed
    problems, total = [], 0
    for plugin_type in list(TYPES) + ["role"]:
        listed = ansible_doc(["-t", plugin_type, "-l", COLLECTION, "--json"])
        listed_names = set()
        if listed.returncode == 0 and listed.stdout.strip():
            listed_names = {n.split(".")[-1] for n in json.loads(listed.stdout)}
        in_tree = tree_names(args.tree, plugin_type)
        for name in sorted(in_tree - listed_names):
            problems.append("%s %s.%s is in the tree but not in the installed collection" % (plugin_type, COLLECTION, name))
        names = sorted(in_tree | listed_names)
        if not names:
            continue
        proc = ansible_doc(["-t", plugin_type, "--json"] + ["%s.%s" % (COLLECTION, n) for n in names])
        if proc.returncode != 0:
            problems.append("ansible-doc -t %s failed: %s" % (plugin_type, proc.stderr.strip()[-2000:]))
            continue
        docs = json.loads(proc.stdout)
        for name in names:
            fqcn = "%s.%s" % (COLLECTION, name)
            entry = docs.get(fqcn) or {}
            doc = entry.get("doc") or {}
            if plugin_type == "role":
                doc = next(iter((entry.get("entry_points") or {}).values()), {})
            if not (doc.get("description") or doc.get("short_description")):
                problems.append("%s %s has no documentation" % (plugin_type, fqcn))
            else:
                total += 1
                print("ok  %-7s %s" % (plugin_type, fqcn))
    for line in problems:
        print("FAIL " + line)
    print("doc: %d plugin(s)/role(s) documented, %d problem(s)" % (total, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
