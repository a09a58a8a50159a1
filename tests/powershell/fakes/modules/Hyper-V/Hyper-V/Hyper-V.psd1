# Test double of Hyper-V; see tests/powershell/README.md.
@{
    RootModule = 'Hyper-V.psm1'
    ModuleVersion = '2.0.0.0'
    GUID = 'fc7a7ab5-1659-e370-c2bd-c3c1a97b8ea8'
    Author = 'hyperv.azlocal contributors'
    Description = 'Test double for the hyperv.azlocal tests; not for real hosts.'
    PowerShellVersion = '5.1'
    FunctionsToExport = @(
        'Get-VM'
        'Get-VMHost'
        'Get-VMHostSupportedVersion'
        'Get-VMIntegrationService'
        'Get-VMNetworkAdapter'
        'Get-VMHardDiskDrive'
    )
    AliasesToExport = @()
    VariablesToExport = @()
}
