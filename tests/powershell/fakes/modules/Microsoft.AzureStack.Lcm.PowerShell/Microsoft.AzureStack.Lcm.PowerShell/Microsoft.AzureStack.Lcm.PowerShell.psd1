# Test double of the Azure Local Lifecycle Manager module (Get-SolutionUpdateEnvironment); see tests/powershell/README.md.
@{
    RootModule = 'Microsoft.AzureStack.Lcm.PowerShell.psm1'
    ModuleVersion = '1.0.0.0'
    GUID = 'bad4ac70-347f-33e7-55da-4c7e12a653bf'
    Author = 'hyperv.azlocal contributors'
    Description = 'Test double for the hyperv.azlocal tests; not for real hosts.'
    PowerShellVersion = '5.1'
    FunctionsToExport = @(
        'Get-SolutionUpdateEnvironment'
    )
    AliasesToExport = @()
    VariablesToExport = @()
}
