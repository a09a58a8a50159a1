# Test double of the Azure Local ECE client module (Get-StampInformation); see tests/powershell/README.md.
@{
    RootModule = 'ECEClient.psm1'
    ModuleVersion = '1.0.0.0'
    GUID = 'cb7532b4-b4e8-bcc6-260c-2618a5623bc5'
    Author = 'hyperv.azlocal contributors'
    Description = 'Test double for the hyperv.azlocal tests; not for real hosts.'
    PowerShellVersion = '5.1'
    FunctionsToExport = @(
        'Get-StampInformation'
    )
    AliasesToExport = @()
    VariablesToExport = @()
}
