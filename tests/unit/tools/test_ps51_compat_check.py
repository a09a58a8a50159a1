"""The Windows PowerShell 5.1 compatibility check: each kind of finding on a small snippet, valid 5.1 code passing,
its data tables consistent, its command line, and PSScriptAnalyzer's PSUseCompatibleSyntax script when pwsh is
on the PATH."""
import os
import re
import shutil
import subprocess
import sys

import pytest

pytest.importorskip("tree_sitter")

from ..contract import ROOT  # noqa: E402  (puts tools/ on sys.path)

import ps51_compat_check as checker  # noqa: E402  pylint: disable=wrong-import-position,wrong-import-order

TOOL = os.path.join(ROOT, "tools", "ps51_compat_check.py")


def check(tmp_path, source, name="snippet.ps1"):
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    return checker.check_files([path])


# (snippet, text the one finding must contain, line:col of the finding)
BAD = {
    "7-only static method": (
        "$r = [System.IO.Path]::GetRelativePath('a', 'b')",
        "System.IO.Path has no static member GetRelativePath", "1:24"),
    "7-only method arity": (
        "$r = [System.IO.Path]::GetFullPath('a', 'b')",
        "with 2 argument(s): the .NET Framework 4.8 overloads of System.IO.Path.GetFullPath take 1", "1:24"),
    "String.Join arity 4.8 lacks": (
        "$r = [string]::Join()", "overloads of System.String.Join take 1 or more", "1:16"),
    "7-only type": (
        "$r = [System.Text.Json.JsonSerializer]::Serialize($x)",
        "type [System.Text.Json.JsonSerializer]: no such type in .NET Framework 4.8", "1:7"),
    "7-only type in -as string": (
        "$r = $x -as 'System.Text.Json.JsonDocument'", "type [System.Text.Json.JsonDocument]: no such type", "1:13"),
    "type in [type] string": ("$t = [type]'NoSuch.Type'", "type [NoSuch.Type]: no such type", "1:12"),
    "7-only accelerator": ("$u = [uint]5", "type [uint]: no such type", "1:7"),
    "generic argument": (
        "$l = [System.Collections.Generic.List[Foo.Bar]]::new()", "type argument [Foo.Bar]: no such type", "1:7"),
    "generic arity": (
        "$l = [System.Collections.Generic.List[string, int]]::new()", "(generic with 2 type arguments)", "1:7"),
    "SMA outside PowerShell Standard": (
        "$s = [System.Management.Automation.PSStyle]::Instance", "not in PowerShell Standard 5.1", "1:7"),
    "ctor arity ::new": (
        "$e = [System.Text.UTF8Encoding]::new($true, $true, $true, 1)",
        "::new with 4 argument(s): the .NET Framework 4.8 constructors of System.Text.UTF8Encoding take 0, 1 or 2",
        "1:34"),
    "ctor arity New-Object": (
        "$e = New-Object -TypeName System.IO.FileInfo -ArgumentList 'a', 'b'",
        "New-Object System.IO.FileInfo with 2 argument(s): the .NET Framework 4.8 constructors", "1:27"),
    "ctor arity New-Object positional": (
        "$e = New-Object System.Text.UTF8Encoding @($true, $false, 1)",
        "New-Object System.Text.UTF8Encoding with 3 argument(s)", "1:17"),
    "New-Object of a static class": (
        "$p = New-Object -TypeName System.IO.Path", "System.IO.Path is a static class and has no constructor", "1:27"),
    "missing enum value": (
        "$f = [System.IO.FileShare]::Everything", "System.IO.FileShare has no value Everything", "1:29"),
    "missing nested enum value": (
        "$f = [Environment+SpecialFolder]::NoSuchFolder",
        "System.Environment+SpecialFolder has no value NoSuchFolder", "1:35"),
    "[ordered] not on a hashtable literal": (
        "[ordered]$z = @{}", "[ordered] is not a type in Windows PowerShell 5.1", "1:1"),
    "7-only cmdlet parameter": (
        "$h = '{}' | ConvertFrom-Json -AsHashtable",
        "ConvertFrom-Json -AsHashtable: parameter added in PowerShell 6.0", "1:30"),
    "7-only parameter, module-qualified": (
        "$h = Microsoft.PowerShell.Utility\\ConvertFrom-Json -InputObject '{}' -Depth 3",
        "ConvertFrom-Json -Depth: parameter added in PowerShell 6.2", "1:70"),
    "7-only parameter through a 5.1 cmdlet alias": (
        "1..3 | % -Parallel { $_ }",
        "% -Parallel: parameter added in PowerShell 7.0; Windows PowerShell 5.1's ForEach-Object has no -Parallel",
        "1:10"),
    "7-only parameter alias": ("$d = Get-Date -UnixTime 5", "Get-Date -UnixTime: parameter added in PowerShell 7.1", "1:15"),
    "7-only parameter value": (
        "'x' | Out-File -FilePath a -Encoding:utf8NoBOM",
        "Out-File -Encoding utf8NoBOM: value added in PowerShell 6.0", "1:38"),
    "7-only cmdlet": ("Test-Json -Json '{}'", "Test-Json: cmdlet added in PowerShell 6.1", "1:1"),
    "7-only automatic variable": (
        "if ($true -and $IsWindows) { }", "$IsWindows: automatic variable added in PowerShell 6.0", "1:16"),
    "7-only automatic variable, scoped": (
        "$r = $global:PSStyle.Reset", "$PSStyle: automatic variable added in PowerShell 7.2", "1:6"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_kind_of_finding(tmp_path, name):
    source, expected, where = BAD[name]
    findings, _unchecked, _waived, _uses = check(tmp_path, source + "\n")
    assert len(findings) == 1, findings
    assert expected in findings[0]
    assert findings[0].startswith("%s:%s: PS51 " % (tmp_path / "snippet.ps1", where))


def test_ps7_finding_names_its_documentation(tmp_path):
    findings = check(tmp_path, "'{}' | ConvertFrom-Json -AsHashtable\n")[0]
    assert "https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/convertfrom-json" in findings[0]


VALID_51 = r"""
using namespace System.Text
#AnsibleRequires -CSharpUtil Ansible.Basic
$module = [Ansible.Basic.AnsibleModule]::Create($args, @{})
$a = [System.Text.UTF8Encoding]::ASCII
$b = [IO.Path]::Combine('a', 'b', 'c', 'd', 'e')
$c = [System.Collections.Generic.List[object]]::new()
$d = [System.Collections.Generic.Dictionary[string, System.Collections.Generic.List[int]]]::new()
$e = [System.Environment+SpecialFolder]::System
$f = [ordered]@{ a = 1 }
$g = [pscustomobject]@{ a = 1 }
$h = $x -is [psobject] -or $x -is [regex] -or $x -is [scriptblock] -or $x -is [wmi] -or $x -is [cimsession]
$i = [StringBuilder]::new(16)
$j = [string]::Join(',', 'a', 'b', 'c')
$k = New-Object -TypeName byte[] -ArgumentList 1048576
$l = New-Object System.Text.UTF8Encoding $false
$m = [int[]]::new(3)
$n = [int[,]]::new(2, 3)
$o = 1 -as 'int'
$p = [type]'System.IO.Path'
$q = [System.IO.FileShare]::ReadWrite -bor [System.IO.FileShare]::Delete
$r = [System.IO.FileShare]::GetNames([System.IO.FileShare])
$s = [Microsoft.Management.Infrastructure.CimInstance]
$hklm = [Microsoft.Win32.RegistryKey]::OpenBaseKey([Microsoft.Win32.RegistryHive]::LocalMachine, [Microsoft.Win32.RegistryView]::Registry64)
$pool = [runspacefactory]::CreateRunspacePool(1, 4)
$ps = [powershell]::Create()
$t = [Environment]::SystemDirectory
$u = [Math]::Max(1, [Math]::Round(1.5, 3))
$v = [System.IO.Path].Assembly
$w = New-Object -TypeName System.Collections.Generic.List[string]
$x = New-Object -ComObject Shell.Application
$y = New-Object -TypeName $dynamic
$z = [Nullable[int]]$null
$isDate = $x -is [DateTime] -or $x -is [DateTimeOffset] -or $x -is [TimeSpan] -or $x -is [enum] -or $x -is [byte[]]
class Foo { [int]$X }
enum Color { Red }
$foo = [Foo]::new()
$red = [Color]::Red
function Get-X {
    [CmdletBinding()]
    [OutputType([string])]
    param (
        [Parameter(Mandatory = $true)][ValidateNotNullOrEmpty()][string[]]$Name,
        [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSAvoidUsingWMICmdlet', '')]$Other,
        [Diagnostics.CodeAnalysis.SuppressMessage('PSAvoidGlobalVars', '')]$Third
    )
    try { } catch [System.IO.IOException] { }
}
$json = $obj | ConvertTo-Json -Depth 5 -Compress
$bytes = Get-Content -Path a -Encoding Byte -Raw
'x' | Out-File -FilePath a -Encoding utf8
$rest = $items | Select-Object -Skip 1 -First 2
Start-Sleep -Milliseconds 5
$IsWindowsServer = $PSVersionTable.PSEdition -eq 'Desktop'
"""


def test_valid_51_code_passes(tmp_path):
    findings, unchecked, waived, uses = check(tmp_path, VALID_51)
    assert findings == []
    assert waived == 0
    assert uses > 40
    categories = sorted({category for _line, category in unchecked})
    assert categories == ["Ansible.Basic.*", "Microsoft.Management.Infrastructure.*", "class/enum of the checked files",
                          "known at run time"]


def test_types_defined_in_another_checked_file_are_local(tmp_path):
    (tmp_path / "types.psm1").write_text("class HvAzLocalThing { [int]$X }\n", encoding="utf-8")
    (tmp_path / "use.ps1").write_text("$t = [HvAzLocalThing]::new()\n", encoding="utf-8")
    findings = checker.check_files([tmp_path / "types.psm1", tmp_path / "use.ps1"])[0]
    assert findings == []
    assert check(tmp_path, "$t = [HvAzLocalThing]::new()\n", name="alone.ps1")[0] != []


def test_waiver_is_counted_not_silent(tmp_path):
    source = "$r = [System.IO.Path]::GetRelativePath('a', 'b')  # ps51-compat: ignore (tested on 7 only)\n"
    findings, _unchecked, waived, _uses = check(tmp_path, source)
    assert findings == []
    assert waived == 1


@pytest.mark.parametrize("text, expected", [
    ("System.IO.Path", "System.IO.Path"),
    ("List[string]", "List[string]"),
    ("Dictionary[string, List[int[]]][]", "Dictionary[string, List[int[]]][]"),
    ("int[,]", "int[,]"),
    ("System.Environment+SpecialFolder", "System.Environment+SpecialFolder"),
    ("List[[System.String, mscorlib, Version=4.0.0.0]]", "List[System.String]"),
])
def test_parse_type_round_trips(text, expected):
    assert str(checker.parse_type(text)) == expected


def test_parse_type_structure():
    ref = checker.parse_type("Dictionary[string, List[int]][,][]")
    assert ref.name == "Dictionary"
    assert [a.name for a in ref.args] == ["string", "List"]
    assert ref.args[1].args[0].name == "int"
    assert ref.arrays == (2, 1)


@pytest.mark.parametrize("text", ["", "List[", "List[string", "List[]x", "$name", "a b"])
def test_parse_type_rejects_what_is_not_a_type_name(text):
    with pytest.raises(ValueError):
        checker.parse_type(text)


def test_accelerators_resolve_to_the_table_or_an_explained_allow_list():
    resolver = checker.Resolver()
    for name in checker.load_yaml("ps51_types.yml")["accelerators"]:
        res, problems = resolver.resolve(checker.parse_type(name))
        assert problems == []
        assert res.status in ("api", "unchecked"), name
        if res.status == "unchecked":
            assert res.note[1], name


def test_ps7_only_rows_are_complete():
    data = checker.load_yaml("ps7_only.yml")
    assert len(data["rows"]) >= 40
    for row in data["rows"]:
        assert set(row) <= {"cmdlet", "parameter", "aliases", "values", "added", "url", "added_source"}, row
        assert re.fullmatch(r"[67]\.\d", row["added"]), row
        assert row["url"].startswith("https://learn.microsoft.com/powershell/"), row
        cmdlets = row["cmdlet"] if isinstance(row["cmdlet"], list) else [row["cmdlet"]]
        assert all(re.fullmatch(r"[A-Z][A-Za-z]+-[A-Za-z]+", c) for c in cmdlets), row
        if "values" in row:
            assert "parameter" in row, row
    for row in data["variables"]:
        assert {"name", "added", "url"} <= set(row) <= {"name", "added", "url", "added_source"}, row
        assert re.fullmatch(r"[67]\.\d", row["added"]), row
        assert row["url"].startswith("https://learn.microsoft.com/powershell/"), row
    rows = checker.ps7_rows()
    assert {r["parameter"] for r in rows["%"]} >= {"Parallel", "ThrottleLimit"}


def run_tool(*args):
    return subprocess.run([sys.executable, TOOL] + list(args), cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, check=False)


def test_command_line_reports_and_fails(tmp_path):
    bad = tmp_path / "bad.psm1"
    bad.write_bytes(b"\xef\xbb\xbf$a = 1\n$r = [System.Convert]::ToHexString($bytes)\n")
    (tmp_path / "good.ps1").write_text("$a = [System.Convert]::ToBase64String($bytes)\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("[System.Convert]::ToHexString($bytes)\n", encoding="utf-8")
    result = run_tool(str(tmp_path))
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "%s:2:24: PS51 [System.Convert]::ToHexString: System.Convert has no static member ToHexString in "
        ".NET Framework 4.8" % bad]
    assert "2 PowerShell file(s)" in result.stderr
    assert "1 problem(s)" in result.stderr


def test_command_line_passes_and_lists_unchecked_uses(tmp_path):
    (tmp_path / "good.ps1").write_text("$m = [Ansible.Basic.AnsibleModule]::Create($args, @{})\n", encoding="utf-8")
    result = run_tool("--verbose", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "unchecked: %s:1:7: [Ansible.Basic.AnsibleModule]: Ansible.Basic" % (tmp_path / "good.ps1") in result.stderr
    assert "1 use(s) accepted unchecked (1 Ansible.Basic.*)" in result.stderr


def test_command_line_rejects_a_missing_path(tmp_path):
    result = run_tool(str(tmp_path / "nope"))
    assert result.returncode == 2
    assert "no such file or directory: %s" % (tmp_path / "nope") in result.stderr


PWSH = shutil.which("pwsh")


@pytest.mark.skipif(PWSH is None, reason="pwsh (PowerShell 7 with PSScriptAnalyzer) is not on the PATH")
def test_ps_compat_syntax_script(tmp_path):
    (tmp_path / "ps7.ps1").write_text("$a = $null ?? 1\n$b = $true ? 1 : 2\n", encoding="utf-8")
    (tmp_path / "ok.psm1").write_text("$a = if ($null -eq $b) { 1 } else { $b }\n", encoding="utf-8")
    script = os.path.join(ROOT, "tools", "ps_compat_syntax.ps1")
    run = [PWSH, "-NoLogo", "-NoProfile", "-NonInteractive", "-File", script]
    result = subprocess.run(run + [str(tmp_path)], cwd=str(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            universal_newlines=True, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(" ", 2)[:2] for line in lines] == [["./ps7.ps1:1:6:", "PSUseCompatibleSyntax"],
                                                          ["./ps7.ps1:2:6:", "PSUseCompatibleSyntax"]]
    assert "2 PowerShell file(s), 2 finding(s)" in result.stderr
    (tmp_path / "ps7.ps1").unlink()
    result = subprocess.run(run + [str(tmp_path)], cwd=str(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            universal_newlines=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run(run + [str(tmp_path / "nope")], cwd=str(tmp_path), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, universal_newlines=True, check=False)
    assert result.returncode == 2
