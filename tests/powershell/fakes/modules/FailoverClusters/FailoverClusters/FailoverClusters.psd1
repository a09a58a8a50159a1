# Test double of FailoverClusters; see tests/powershell/README.md.
@{
    RootModule = 'FailoverClusters.psm1'
    ModuleVersion = '2.0.0.0'
    GUID = '8200d3db-6eb1-1f80-55bd-e20d2dfcf127'
    Author = 'hyperv.azlocal contributors'
    Description = 'Test double for the hyperv.azlocal tests; not for real hosts.'
    PowerShellVersion = '5.1'
    FunctionsToExport = @(
        'Get-Cluster'
        'Get-ClusterNode'
        'Get-ClusterGroup'
        'Get-ClusterResource'
        'Get-ClusterSharedVolume'
        'Get-ClusterNetwork'
        'Get-ClusterQuorum'
    )
    AliasesToExport = @()
    VariablesToExport = @()
}
