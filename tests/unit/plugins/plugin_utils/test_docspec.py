"""Argument specs derived from DOCUMENTATION (plugin_utils/_docspec.py)."""
import pytest

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._docspec import argument_spec

DOC = r"""
module: sample
short_description: x
options:
  name:
    description: No type given, so a string.
  state:
    description: x
    type: list
    elements: str
    choices: [running, stopped]
    default: []
  secret:
    description: x
    type: str
    required: true
    no_log: true
    aliases: [password]
    version_added: 1.1.0
  target:
    description: x
    type: dict
    suboptions:
      host: {description: x, type: str, required: true}
      port: {description: x, type: int, default: 5986}
"""


def test_every_option_with_the_keys_an_argument_spec_has():
    assert argument_spec(DOC) == {
        "name": {"type": "str"},
        "state": {"type": "list", "elements": "str", "choices": ["running", "stopped"], "default": []},
        "secret": {"type": "str", "required": True, "no_log": True, "aliases": ["password"]},
        "target": {"type": "dict", "options": {"host": {"type": "str", "required": True},
                                               "port": {"type": "int", "default": 5986}}},
    }


def test_named_options_only_and_a_parsed_documentation():
    import yaml

    assert argument_spec(yaml.safe_load(DOC), ["state"]) == {
        "state": {"type": "list", "elements": "str", "choices": ["running", "stopped"], "default": []}}


def test_an_undocumented_name_is_an_error_naming_it():
    with pytest.raises(ValueError, match="hyperv.azlocal.sample documents no option 'stat', 'x'"):
        argument_spec(DOC, ["x", "state", "stat"], where="hyperv.azlocal.sample")


def test_a_malformed_option_is_an_error_naming_it():
    with pytest.raises(ValueError, match="sample: option 'name' is documented as 'text'"):
        argument_spec("options: {name: text}", where="sample")
