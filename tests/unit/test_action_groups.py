"""meta/runtime.yml action groups are usable with module_defaults, as the README shows them."""
import ast
import os
import re

import yaml

from ansible_collections.hyperv.azlocal.plugins.doc_fragments.probe import ModuleDocFragment

from .contract import ROOT

MODULES = os.path.join(ROOT, "plugins", "modules")
FRAGMENTS = {"hyperv.azlocal.probe": yaml.safe_load(ModuleDocFragment.DOCUMENTATION)}


def runtime():
    with open(os.path.join(ROOT, "meta", "runtime.yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def options(module):
    """Documented options of a module, doc fragments of this collection included."""
    with open(os.path.join(MODULES, module + ".py"), encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    doc = next(yaml.safe_load(node.value.value) for node in tree.body
               if isinstance(node, ast.Assign) and node.targets[0].id == "DOCUMENTATION")
    names = set(doc.get("options") or {})
    for fragment in doc.get("extends_documentation_fragment") or []:
        names.update((FRAGMENTS.get(fragment) or {}).get("options") or {})
    return names


def all_modules():
    return sorted(name[:-3] for name in os.listdir(MODULES) if name.endswith(".py") and name != "__init__.py")


def test_every_group_has_options_all_its_members_take():
    groups = runtime()["action_groups"]
    assert groups, "meta/runtime.yml has no action group"
    for group, members in groups.items():
        common = set.intersection(*(options(member) for member in members))
        assert common, "group %s: its modules share no option, so module_defaults cannot set any" % group


def test_collectors_are_exactly_the_modules_with_probe_options():
    with_probe = [module for module in all_modules() if {"probe_timeout", "strict"} <= options(module)]
    assert sorted(runtime()["action_groups"]["collectors"]) == with_probe


def test_the_readme_module_defaults_example_works_for_its_group():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as handle:
        readme = handle.read()
    examples = re.findall(r"`(module_defaults: \{group/.*?\}\})`", readme)
    assert examples, "README.md shows no module_defaults example"
    for example in examples:
        defaults = yaml.safe_load(example)["module_defaults"]
        for key, values in defaults.items():
            namespace, _sep, group = key[len("group/"):].rpartition(".")
            assert namespace == "hyperv.azlocal", key
            members = runtime()["action_groups"][group]
            for member in members:
                assert set(values) <= options(member), "%s: %s does not take %s" % (key, member, sorted(values))
