"""The PowerShell gate's own tools: the syntax check rejects broken files, accepts real module code,
the argspec check catches a spec that drifted from its docs, and ps_keys reads emitted keys."""
import os
import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("tree_sitter")

from ..contract import ROOT, emitted_keys  # noqa: E402

TOOLS = os.path.join(ROOT, "tools")

VALID_MODULE = textwrap.dedent(r"""
    #!powershell

    # Copyright: (c) 2026, hyperv.azlocal contributors
    # GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

    #AnsibleRequires -CSharpUtil Ansible.Basic

    $spec = @{
        options = @{
            name = @{ type = 'str'; required = $true }
            paths = @{ type = 'list'; elements = 'str'; default = @() }
        }
        supports_check_mode = $true
    }
    $module = [Ansible.Basic.AnsibleModule]::Create($args, $spec)
    $helper = @'
    verbatim here-string with "quotes" and $notAVariable
    '@
    $items = @(foreach ($path in $module.Params.paths) {
            try {
                [PSCustomObject]@{ path = $path; exists = Test-Path -LiteralPath $path }
            }
            catch [System.UnauthorizedAccessException] {
                $module.Warn("cannot read '$path': $($_.Exception.Message)")
            }
        })
    $module.Result.items = $items
    $module.Result.summary = "{0} item(s)" -f $items.Count
    $module.ExitJson()
""").lstrip()

BROKEN = {
    # name: (source, expected line of the first report, expected kind)
    "unclosed_brace.ps1": ("$spec = @{ options = @{} }\nif ($true) {\n    $x = 1\n", "MISSING"),
    "unterminated_string.ps1": ("$a = 1\n$module.Result.msg = \"unterminated string\n$b = 2\n", "ERROR"),
    "bad_here_string.ps1": ("$a = @'\nnever closed here-string\n'@ this is not the end\n$b = 2\n", "ERROR"),
    "ps7_only.ps1": ("$x = $true ? 1 : 2\n", "PS7ONLY"),
}


def run_tool(tool, *args):
    return subprocess.run([sys.executable, os.path.join(TOOLS, tool)] + list(args), cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False)


def test_syntax_check_accepts_valid_ansible_basic_module(tmp_path):
    path = tmp_path / "good_module.ps1"
    path.write_text(VALID_MODULE, encoding="utf-8")
    proc = run_tool("ps_syntax_check.py", str(path))
    assert proc.returncode == 0, proc.stdout
    assert "checked 1 PowerShell file(s), 0 problem(s)" in proc.stdout


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_syntax_check_rejects_broken_file_with_location(tmp_path, name):
    source, kind = BROKEN[name]
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    proc = run_tool("ps_syntax_check.py", str(path))
    assert proc.returncode == 1, proc.stdout
    reports = [line for line in proc.stdout.splitlines() if line.startswith(str(path) + ":")]
    assert reports, proc.stdout
    assert any(" %s " % kind in line for line in reports), reports
    # FILE:LINE:COL with numbers a person can jump to
    line_no, col = reports[0].split(":", 3)[1:3]
    assert int(line_no) >= 1 and int(col) >= 1


def test_syntax_check_covers_every_powershell_file_in_the_tree():
    proc = run_tool("ps_syntax_check.py", "plugins")
    assert proc.returncode == 0, proc.stdout


def test_argspec_check_reports_spec_drift(tmp_path):
    (tmp_path / "drift.ps1").write_text(VALID_MODULE.replace("required = $true", "required = $false"), encoding="utf-8")
    (tmp_path / "drift.py").write_text(textwrap.dedent('''
        DOCUMENTATION = r"""
        module: drift
        short_description: x
        description: [x]
        options:
          name: {description: x, type: str, required: true}
          paths: {description: x, type: list, elements: str, default: []}
          extra: {description: x, type: bool}
        """
    '''), encoding="utf-8")
    proc = run_tool("ps_argspec_check.py", str(tmp_path / "drift.ps1"))
    assert proc.returncode == 1
    assert "name: required is False in $spec but True in DOCUMENTATION" in proc.stdout
    assert "option 'extra' is documented but not in $spec" in proc.stdout


def test_ps_keys_reads_hashtable_and_result_keys(tmp_path):
    path = tmp_path / "keys.ps1"
    path.write_text(VALID_MODULE, encoding="utf-8")
    keys = emitted_keys(path)
    assert {"path", "exists", "items", "summary", "options", "name", "paths"} <= keys
    assert "notAVariable" not in keys


EXTRA_SPEC_MODULE = textwrap.dedent(r"""
    #!powershell
    #AnsibleRequires -CSharpUtil Ansible.Basic
    #AnsibleRequires -PowerShell ..module_utils._Shared

    $spec = @{
        options = @{
            name = @{ type = 'str'; required = $true }
        }
        supports_check_mode = $true
    }
    $module = [Ansible.Basic.AnsibleModule]::Create($args, $spec, @(Get-SharedSpec))
    $module.ExitJson()
""")

SHARED_UTIL = textwrap.dedent(r"""
    Function Get-SharedSpec {
        <#
        .SYNOPSIS
        The shared options.
        #>
        @{
            options = @{
                timeout = @{ type = 'int'; default = 30 }
                strict = @{ type = 'bool'; default = $false }
            }
        }
    }
    Export-ModuleMember -Function Get-SharedSpec
""")

FRAGMENT = textwrap.dedent('''
    class ModuleDocFragment(object):
        DOCUMENTATION = r"""
    options:
      timeout: {description: x, type: int, default: %s}
      strict: {description: x, type: bool, default: false}
    """
''')


def make_collection(tmp_path, fragment_timeout=30, extra_doc=""):
    """A checkout (not under ansible_collections) of test.coll with one module using a shared spec."""
    (tmp_path / "galaxy.yml").write_text("namespace: test\nname: coll\nversion: 1.0.0\n", encoding="utf-8")
    for folder in ("modules", "module_utils", "doc_fragments"):
        (tmp_path / "plugins" / folder).mkdir(parents=True)
    (tmp_path / "plugins" / "modules" / "thing.ps1").write_text(EXTRA_SPEC_MODULE, encoding="utf-8")
    (tmp_path / "plugins" / "module_utils" / "_Shared.psm1").write_text(SHARED_UTIL, encoding="utf-8")
    (tmp_path / "plugins" / "doc_fragments" / "shared.py").write_text(FRAGMENT % fragment_timeout, encoding="utf-8")
    (tmp_path / "plugins" / "modules" / "thing.py").write_text(textwrap.dedent('''
        DOCUMENTATION = r"""
        module: thing
        short_description: x
        description: [x]
        options:
          name: {description: x, type: str, required: true}%s
        extends_documentation_fragment: [test.coll.shared]
        """
    ''') % extra_doc, encoding="utf-8")
    return str(tmp_path / "plugins" / "modules")


def test_argspec_check_reads_shared_specs_and_doc_fragments(tmp_path):
    proc = run_tool("ps_argspec_check.py", make_collection(tmp_path))
    assert proc.returncode == 0, proc.stdout
    assert "1 module(s), 0 problem(s), 0 skipped" in proc.stdout
    assert "could not resolve" not in proc.stdout


def test_argspec_check_reports_drift_of_a_shared_spec(tmp_path):
    extra = "\n  retries: {description: x, type: int}"
    proc = run_tool("ps_argspec_check.py", make_collection(tmp_path, fragment_timeout=10, extra_doc=extra))
    assert proc.returncode == 1
    assert "thing.ps1.timeout: default is 30 in $spec but 10 in DOCUMENTATION" in proc.stdout
    assert "option 'retries' is documented but not in $spec" in proc.stdout


def test_argspec_check_fails_when_a_shared_spec_is_unknown(tmp_path):
    """Only the keys in $spec can be compared then: the check says so and does not pass."""
    modules = make_collection(tmp_path)
    os.remove(os.path.join(modules, "..", "module_utils", "_Shared.psm1"))
    proc = run_tool("ps_argspec_check.py", modules)
    assert proc.returncode == 1, proc.stdout
    assert "1 module(s), 0 problem(s), 1 skipped" in proc.stdout
    assert "partial: Get-SharedSpec not found" in proc.stdout


@pytest.mark.parametrize("source, reason", [
    (VALID_MODULE.replace("#AnsibleRequires -CSharpUtil Ansible.Basic", "#Requires -Module Ansible.ModuleUtils.Legacy"),
     "not Ansible.Basic"),
    (VALID_MODULE.replace("$spec = @{", "$spec = Get-Spec\n$unused = @{"), "no literal $spec"),
])
def test_argspec_check_fails_on_a_module_it_cannot_read(tmp_path, source, reason):
    (tmp_path / "opaque.ps1").write_text(source, encoding="utf-8")
    (tmp_path / "opaque.py").write_text('DOCUMENTATION = r"""\nmodule: opaque\noptions: {}\n"""\n', encoding="utf-8")
    proc = run_tool("ps_argspec_check.py", str(tmp_path / "opaque.ps1"))
    assert proc.returncode == 1, proc.stdout
    assert "0 problem(s), 1 skipped" in proc.stdout
    assert "(%s)" % reason in proc.stdout
