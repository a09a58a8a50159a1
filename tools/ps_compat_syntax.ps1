<#
.SYNOPSIS
PSScriptAnalyzer's PSUseCompatibleSyntax rule, target Windows PowerShell 5.1, over every .ps1/.psm1 file.

.DESCRIPTION
Usage: pwsh -NoLogo -NoProfile -NonInteractive -File tools/ps_compat_syntax.ps1 [PATH ...]   (default: plugins tests)

The real PowerShell parser reads each file and the rule reports syntax that Windows PowerShell 5.1 does not have
(?? ??= ?. ?[] ternary && || and more). Prints FILE:LINE:COL: RULE message for each finding, parse errors
included, and a summary line. Exit status: 0 no finding, 1 findings, 2 a PATH or PSScriptAnalyzer is missing.
tools/ps_syntax_check.py checks the same syntax with tree-sitter, without pwsh; tools/ps51_compat_check.py checks
.NET types, members and cmdlet parameters.
#>
[CmdletBinding()]
param (
    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]]$Path
)

$ErrorActionPreference = 'Stop'
if (-not $Path) {
    $Path = @('plugins', 'tests')
}
$files = foreach ($item in $Path) {
    if (-not (Test-Path -LiteralPath $item)) {
        [Console]::Error.WriteLine("ps_compat_syntax: ${item}: no such file or directory")
        exit 2
    }
    Get-ChildItem -LiteralPath $item -File -Recurse | Where-Object { $_.Extension -in '.ps1', '.psm1' }
}
if (-not (Get-Module -ListAvailable -Name PSScriptAnalyzer)) {
    [Console]::Error.WriteLine('ps_compat_syntax: the PSScriptAnalyzer module is not installed (Install-Module PSScriptAnalyzer)')
    exit 2
}
Import-Module -Name PSScriptAnalyzer
$settings = @{
    IncludeRules = @('PSUseCompatibleSyntax')
    Rules = @{ PSUseCompatibleSyntax = @{ Enable = $true; TargetVersions = @('5.1') } }
}
$count = 0
foreach ($file in $files | Sort-Object -Property FullName -Unique) {
    $relative = Resolve-Path -LiteralPath $file.FullName -Relative
    foreach ($record in Invoke-ScriptAnalyzer -Path $file.FullName -Settings $settings) {
        $count++
        $message = ($record.Message -split '\r?\n')[0]
        [Console]::Out.WriteLine(('{0}:{1}:{2}: {3} {4}' -f $relative, $record.Line, $record.Column, $record.RuleName, $message))
    }
}
[Console]::Error.WriteLine(('PSUseCompatibleSyntax (target 5.1): {0} PowerShell file(s), {1} finding(s)' -f @($files).Count, $count))
if ($count -gt 0) {
    exit 1
}
exit 0
