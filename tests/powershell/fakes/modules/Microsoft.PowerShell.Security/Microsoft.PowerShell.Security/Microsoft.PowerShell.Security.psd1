# Test double of Microsoft.PowerShell.Security: the built-in module plus Get-AuthenticodeSignature; see tests/powershell/README.md.
@{
    RootModule = 'Microsoft.PowerShell.Security.psm1'
    ModuleVersion = '7.0.0.0'
    GUID = '526018d5-6225-1dba-9e44-2147f392ca66'
    Author = 'hyperv.azlocal contributors'
    Description = 'Test double for the hyperv.azlocal tests; not for real hosts.'
    PowerShellVersion = '5.1'
    FunctionsToExport = @(
        'Get-AuthenticodeSignature'
    )
    # The built-in module's cmdlets (PowerShell 7 on Linux) are imported by the .psm1 and exported again.
    CmdletsToExport = @(
        'ConvertFrom-SecureString'
        'ConvertTo-SecureString'
        'Get-CmsMessage'
        'Get-Credential'
        'Get-ExecutionPolicy'
        'Get-PfxCertificate'
        'Protect-CmsMessage'
        'Set-ExecutionPolicy'
        'Unprotect-CmsMessage'
    )
    AliasesToExport = @()
    VariablesToExport = @()
}
