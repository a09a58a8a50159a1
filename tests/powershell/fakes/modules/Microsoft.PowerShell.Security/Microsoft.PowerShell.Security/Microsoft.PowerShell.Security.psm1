# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

# Test double of Microsoft.PowerShell.Security for Linux: the built-in module's cmdlets, plus a
# Get-AuthenticodeSignature that answers from the fixture section 'authenticode' of the fake host
# (HVAZLOCAL_TEST_FIXTURE) with real System.Management.Automation.Signature objects. PowerShell 7 on Linux
# ships a Get-AuthenticodeSignature that fails (it calls wintrust.dll); this module must come before
# $PSHOME/Modules on PSModulePath to replace it, and the runspace that resolves
# 'Microsoft.PowerShell.Security\Get-AuthenticodeSignature' must load built-in modules as modules
# (InitialSessionState.CreateDefault2; CreateDefault binds the name to the built-in snap-in).

Set-StrictMode -Version 3.0
Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath '../../../support/HvAzLocalFake.psm1')

$builtIn = Join-Path -Path $PSHOME -ChildPath 'Modules/Microsoft.PowerShell.Security/Microsoft.PowerShell.Security.psd1'
if (Test-Path -LiteralPath $builtIn) {
    $keep = @((Import-PowerShellDataFile -LiteralPath $builtIn).CmdletsToExport | Where-Object { $_ -ne 'Get-AuthenticodeSignature' })
    if ($keep.Count -gt 0) {
        Import-Module -Name $builtIn -Cmdlet $keep
    }
}

$script:CommandClass = 'Microsoft.PowerShell.Commands.GetAuthenticodeSignatureCommand'

# WinVerifyTrust results the Signature class maps to its Status (Valid, NotSigned, HashMismatch, NotTrusted).
$script:TrustResult = @{
    Valid = [uint32]0
    NotSigned = [uint32]2148204800  # 0x800B0100 TRUST_E_NOSIGNATURE
    HashMismatch = [uint32]2148098064  # 0x80096010 TRUST_E_BAD_DIGEST
    NotTrusted = [uint32]2148204809  # 0x800B0109 CERT_E_UNTRUSTEDROOT
}

Function Get-FakeCertificate {
    param ([object]$Reference, [string]$FixtureDirectory)

    if ($null -eq $Reference) {
        return $null
    }
    $path = [string]$Reference
    if (-not [System.IO.Path]::IsPathRooted($path)) {
        $path = Join-Path -Path $FixtureDirectory -ChildPath $path
    }
    # The bare .NET object: reflection below does not unwrap PSObjects.
    $bytes = [System.IO.File]::ReadAllBytes($path)
    (New-Object -TypeName System.Security.Cryptography.X509Certificates.X509Certificate2 -ArgumentList @(, $bytes)).psobject.BaseObject
}

Function Get-AuthenticodeSignature {
    <#
    .SYNOPSIS
    Test double of Microsoft.PowerShell.Security\Get-AuthenticodeSignature (file forms).
    #>
    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSAvoidOverwritingBuiltInCmdlets', '', Justification = 'A test double of this cmdlet')]
    [CmdletBinding(DefaultParameterSetName = 'ByPath')]
    [OutputType([System.Management.Automation.Signature])]
    param (
        [Parameter(Mandatory = $true, Position = 0, ParameterSetName = 'ByPath', ValueFromPipelineByPropertyName = $true)]
        [string[]]
        $FilePath,

        [Parameter(Mandatory = $true, ParameterSetName = 'ByLiteralPath', ValueFromPipelineByPropertyName = $true)]
        [Alias('PSPath', 'LP')]
        [string[]]
        $LiteralPath
    )

    process {
        $caller = 'Microsoft.PowerShell.Security\Get-AuthenticodeSignature'
        Invoke-HvAzLocalFakeFailure -Caller $caller -Key @('Get-AuthenticodeSignature') -AccessDenied {
            $exception = New-Object -TypeName System.UnauthorizedAccessException -ArgumentList 'Access to the path is denied.'
            $errorId = 'System.UnauthorizedAccessException,' + $script:CommandClass
            New-HvAzLocalFakeErrorRecord -Exception $exception -ErrorId $errorId -Category PermissionDenied -Activity 'Get-AuthenticodeSignature'
        }
        $fixture = Get-HvAzLocalFakeFixture -Caller $caller
        $fixtureDirectory = Split-Path -Path $fixture['__path'] -Parent
        $table = Get-HvAzLocalFakeSection -Caller $caller -Name authenticode -Optional
        if ($null -eq $table) {
            $table = @{}
        }
        $paths = if ($PSCmdlet.ParameterSetName -eq 'ByLiteralPath') { $LiteralPath } else { $FilePath }
        foreach ($path in $paths) {
            if (-not [System.IO.File]::Exists($path)) {
                $message = "Cannot find path '$path' because it does not exist."
                $record = @{
                    Exception = New-Object -TypeName System.Management.Automation.ItemNotFoundException -ArgumentList $message
                    ErrorId = 'FileNotFound,' + $script:CommandClass
                    Category = 'ObjectNotFound'
                    Activity = 'Get-AuthenticodeSignature'
                    TargetObject = $path
                }
                $PSCmdlet.WriteError((New-HvAzLocalFakeErrorRecord @record))
                continue
            }
            $leaf = [System.IO.Path]::GetFileName($path)
            $entry = $null
            foreach ($key in $table.Keys) {
                if ([string]::Equals($key, $leaf, [System.StringComparison]::OrdinalIgnoreCase)) {
                    $entry = $table[$key]
                }
            }
            if ($null -eq $entry) {
                $entry = @{ status = 'NotSigned'; signature_type = 'None'; is_os_binary = $false }
            }
            $status = [string]$entry['status']
            if (-not $script:TrustResult.ContainsKey($status)) {
                throw "fake ${caller}: authenticode.$leaf.status '$status' is not one of $($script:TrustResult.Keys -join ', ')"
            }
            $signer = $null
            $timeStamper = $null
            if ($entry.ContainsKey('signer_certificate')) {
                $signer = Get-FakeCertificate -Reference $entry['signer_certificate'] -FixtureDirectory $fixtureDirectory
            }
            if ($entry.ContainsKey('time_stamper_certificate')) {
                $timeStamper = Get-FakeCertificate -Reference $entry['time_stamper_certificate'] -FixtureDirectory $fixtureDirectory
            }
            # The internal constructors WinVerifyTrust results go through on Windows: (path, result[, signer[, time stamper]]).
            $certificateType = [System.Security.Cryptography.X509Certificates.X509Certificate2]
            $argumentTypes = [System.Collections.Generic.List[type]]@([string], [uint32])
            $arguments = [System.Collections.Generic.List[object]]@([string]$path, [uint32]$script:TrustResult[$status])
            foreach ($certificate in @($signer, $timeStamper)) {
                if ($null -eq $certificate) {
                    break
                }
                $argumentTypes.Add($certificateType)
                $arguments.Add($certificate)
            }
            $flags = [System.Reflection.BindingFlags]'NonPublic, Instance'
            $constructor = [System.Management.Automation.Signature].GetConstructor($flags, $null, $argumentTypes.ToArray(), $null)
            $signature = $constructor.Invoke($arguments.ToArray())
            $signatureType = [Enum]::Parse([System.Management.Automation.SignatureType], [string]$entry['signature_type'])
            $signature.GetType().GetProperty('SignatureType').SetValue($signature, $signatureType)
            $signature.GetType().GetProperty('IsOSBinary').SetValue($signature, [bool]$entry['is_os_binary'])
            $signature
        }
    }
}

Export-ModuleMember -Function Get-AuthenticodeSignature -Cmdlet *
