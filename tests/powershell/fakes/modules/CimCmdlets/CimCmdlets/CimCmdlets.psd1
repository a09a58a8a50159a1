# Test double of CimCmdlets (Get-CimInstance); see tests/powershell/README.md.
@{
    RootModule = 'CimCmdlets.psm1'
    ModuleVersion = '1.0.0.0'
    GUID = 'e1fe7125-33aa-c5a5-d717-8185a4644390'
    Author = 'hyperv.azlocal contributors'
    Description = 'Test double for the hyperv.azlocal tests; not for real hosts.'
    PowerShellVersion = '5.1'
    FunctionsToExport = @(
        'Get-CimInstance'
    )
    AliasesToExport = @()
    VariablesToExport = @()
}
