"""Each kind of finding of the PowerShell checks, one case at a time, so that a check that stops looking at
one of them fails here: every key the argspec check compares (type, elements, required, default, choices,
aliases) and every PowerShell 7 construct the syntax check reports."""
import textwrap

import pytest

pytest.importorskip("tree_sitter")

# importing contract puts tools/ on sys.path
from .. import contract  # noqa: E402,F401  pylint: disable=unused-import

import ps_argspec_check  # noqa: E402  pylint: disable=wrong-import-position,import-error
import ps_syntax_check  # noqa: E402  pylint: disable=wrong-import-position,import-error

MODULE = textwrap.dedent(r"""
    #!powershell
    #AnsibleRequires -CSharpUtil Ansible.Basic

    $spec = @{
        options = @{
            mode = @{ %s }
        }
        supports_check_mode = $true
    }
    $module = [Ansible.Basic.AnsibleModule]::Create($args, $spec)
    $module.ExitJson()
""").lstrip()

DOCS = textwrap.dedent('''
    DOCUMENTATION = r"""
    module: drift
    short_description: x
    description: [x]
    options:
      mode: {description: x, %s}
    """
''')

# (option in $spec, the same option in DOCUMENTATION, the finding, or None when the two agree)
CASES = {
    "agree": ("type = 'list'; elements = 'str'; choices = 'a', 'b'; default = @('a'); aliases = 'm'",
              "type: list, elements: str, choices: [b, a], default: [a], aliases: [m]", None),
    "type": ("type = 'int'", "type: str", "mode: type is 'int' in $spec but 'str' in DOCUMENTATION"),
    "elements": ("type = 'list'; elements = 'int'", "type: list, elements: str",
                 "mode: elements is 'int' in $spec but 'str' in DOCUMENTATION"),
    "required": ("type = 'str'; required = $true", "type: str",
                 "mode: required is True in $spec but False in DOCUMENTATION"),
    "default": ("type = 'int'; default = 5", "type: int, default: 6",
                "mode: default is 5 in $spec but 6 in DOCUMENTATION"),
    "choices": ("type = 'str'; choices = 'a', 'b'", "type: str, choices: [a, c]",
                "mode: choices is ['a', 'b'] in $spec but ['a', 'c'] in DOCUMENTATION"),
    "one choice more": ("type = 'str'; choices = 'a', 'b', 'c'", "type: str, choices: [a, b]",
                        "mode: choices is ['a', 'b', 'c'] in $spec but ['a', 'b'] in DOCUMENTATION"),
    "aliases": ("type = 'str'; aliases = 'm'", "type: str, aliases: [n]",
                "mode: aliases is ['m'] in $spec but ['n'] in DOCUMENTATION"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_argspec_check_compares_each_key(tmp_path, name):
    spec, doc, finding = CASES[name]
    ps1 = tmp_path / "drift.ps1"
    ps1.write_text(MODULE % spec, encoding="utf-8")
    (tmp_path / "drift.py").write_text(DOCS % doc, encoding="utf-8")
    found, reason = ps_argspec_check.check_module(ps1)
    assert reason is None
    if finding is None:
        assert found == []
    else:
        assert found == ["%s.%s" % (ps1, finding)]


# (snippet, what the finding names); each is valid PowerShell 7 and unknown to Windows PowerShell 5.1
PS7_ONLY = {
    "null-coalescing": ("$x = $null ?? 'default'\n", "null-coalescing operator ??"),
    "null-coalescing assignment": ("$x = $null\n$x ??= 'default'\n", "null-coalescing assignment ??="),
    "ternary": ("$x = $true ? 1 : 2\n", "ternary operator ?:"),
    "pipeline chain &&": ("Get-Item . && Get-Item .\n", "pipeline chain operator && / ||"),
    "pipeline chain ||": ("Get-Item . || Get-Item .\n", "pipeline chain operator && / ||"),
}


@pytest.mark.parametrize("name", sorted(PS7_ONLY))
def test_syntax_check_reports_each_powershell_7_construct(tmp_path, name):
    source, what = PS7_ONLY[name]
    path = tmp_path / "ps7.ps1"
    path.write_text(source, encoding="utf-8")
    found = ps_syntax_check.check(path)
    assert len(found) == 1, found
    assert " PS7ONLY %s is PowerShell 7 only" % what in found[0]
    # allowed explicitly, the same file is clean
    assert ps_syntax_check.check(path, want_ps7=False) == []


def test_syntax_check_passes_the_windows_powershell_equivalents(tmp_path):
    path = tmp_path / "ps51.ps1"
    path.write_text("$x = if ($null -ne $y) { $y } else { 'default' }\nif (Get-Item .) { Get-Item . }\n", encoding="utf-8")
    assert ps_syntax_check.check(path) == []
