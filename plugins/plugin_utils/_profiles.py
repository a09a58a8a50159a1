# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Comparison profiles, as data. PRIVATE to the collection.

A profile is a named set of fields for hyperv.azlocal.compare_hosts: each field has a label, a JMESPath
query evaluated on every host's document, a description and optionally normalisations applied before the
values are compared. `expect_different` names the fields that are reported but allowed to differ.

The built-in profiles read the interpreted host identity (plugin_utils/_identity.host_identity, the
document compare_hosts builds by default), including its Hyper-V host summary (`hyperv`). That document
also carries the raw `hyperv_host` facts it was made from under the key `hyperv_host`, so a profile can
address raw observations the identity does not interpret. Extend a profile by adding fields here, or pass
your own profile (a dict of the same shape) to compare_hosts.
"""

from __future__ import annotations

import copy
import fnmatch

# Field options a profile or the `fields` option may give per field.
FIELD_KEYS = frozenset(("query", "description", "normalize"))
PROFILE_KEYS = frozenset(("description", "fields", "expect_different"))

# Hashes are hex strings: Get-FileHash prints upper case, sha256sum lower case; both name the same bytes.
_HEX = ["ignore_case"]


def _binary_fields(prefix, what):
    """Fields of one binary (kernel or hypervisor) of the identity document."""
    return {
        prefix + "_image": {"query": prefix + ".image", "description": "File name of the %s image." % what},
        prefix + "_file_version": {
            "query": prefix + ".file_version",
            "description": "FileVersionRaw of the %s image (major.minor.build.revision)." % what,
        },
        prefix + "_sha256": {
            "query": prefix + ".hashes.sha256", "normalize": _HEX,
            "description": "SHA256 of the %s image as Get-FileHash prints it (compared case-insensitively)." % what,
        },
        prefix + "_signature_status": {
            "query": prefix + ".signature.status",
            "description": "Authenticode signature status of the %s image (Valid for a genuine image)." % what,
        },
        prefix + "_signer": {
            "query": prefix + ".signature.signer",
            "description": "Subject of the certificate that signed the %s image." % what,
        },
        prefix + "_microsoft_signed": {
            "query": prefix + ".signature.microsoft",
            "description": "The %s image has a valid signature by Microsoft (signer and issuing CA)." % what,
        },
    }


_RELEASE = {
    "build": {"query": "build", "description": "OS build number (CurrentBuild), for example 26100."},
    "ubr": {"query": "ubr", "description": "Update build revision (UBR): the monthly cumulative update level."},
    "version": {"query": "version", "description": "Full version major.minor.build.UBR, as ver prints it."},
}

_PRODUCT = {
    "platform": {"query": "platform", "description": "azure_local, windows_server, windows_client or unknown."},
    "product_name": {"query": "product_name", "description": "Registry ProductName."},
    "edition_id": {"query": "edition_id", "description": "Registry EditionID (ServerAzureStackHCICor on Azure Local)."},
}

_KERNEL = _binary_fields("kernel", "kernel (ntoskrnl.exe)")

_SOLUTION = {
    "solution_version": {
        "query": "solution_version", "description": "Azure Local solution version (null on Windows Server).",
    },
}

_HYPERVISOR_VERSION = {
    "hypervisor_image": {"query": "hypervisor.image", "description": "File name of the hypervisor image."},
    "hypervisor_file_version": {"query": "hypervisor.file_version", "description": "FileVersionRaw of the hypervisor image."},
}

_HYPERV_HOST = {
    "hypervisor_present": {
        "query": "hypervisor_present", "description": "A hypervisor is running (Win32_ComputerSystem.HypervisorPresent).",
    },
    "hyperv_installed": {"query": "hyperv_installed", "description": "The Hyper-V role is installed."},
    "vmms_state": {"query": "hyperv.vmms_state", "description": "State of the Hyper-V management service (vmms)."},
    "vm_versions_supported": {
        "query": "hyperv.supported_vm_versions",
        "description": "VM configuration versions the host supports (Get-VMHostSupportedVersion).",
    },
    "vm_version_default": {
        "query": "hyperv.default_vm_version",
        "description": "Default VM configuration version of the host (Get-VMHostSupportedVersion -Default).",
    },
    "numa_spanning": {
        "query": "hyperv.numa_spanning_enabled", "description": "NUMA spanning enabled (Get-VMHost NumaSpanningEnabled).",
    },
    "live_migration": {
        "query": "hyperv.live_migration.enabled",
        "description": "Live migration enabled (Get-VMHost VirtualMachineMigrationEnabled).",
    },
    "live_migration_max": {
        "query": "hyperv.live_migration.maximum_migrations",
        "description": "Simultaneous live migrations allowed (Get-VMHost MaximumVirtualMachineMigrations).",
    },
    "storage_migration_max": {
        "query": "hyperv.live_migration.maximum_storage_migrations",
        "description": "Simultaneous storage migrations allowed (Get-VMHost MaximumStorageMigrations).",
    },
    "live_migration_authentication": {
        "query": "hyperv.live_migration.authentication_type",
        "description": "Live migration authentication, CredSSP or Kerberos (VirtualMachineMigrationAuthenticationType).",
    },
    "live_migration_transport": {
        "query": "hyperv.live_migration.performance_option",
        "description": "Live migration transport: TCPIP, Compression or SMB (VirtualMachineMigrationPerformanceOption).",
    },
}


# Guests: what ansible.builtin / hyperv.azlocal.guest_facts observed, under the name it is saved with in snapshots
# (hyperv_guest). With the compare role or compare_hosts on hostvars, read it with source='ansible_facts'.
_GUEST = {
    "is_hyperv_guest": {
        "query": "hyperv_guest.is_hyperv_guest", "description": "The machine is a Hyper-V guest (guest_facts verdict).",
    },
    "hypervisor": {
        "query": "hyperv_guest.hypervisor",
        "description": "The hypervisor or container the machine runs in (hyperv, vmware, kvm, docker, ..., none).",
    },
    "generation": {
        "query": "hyperv_guest.generation", "description": "Hyper-V VM generation: 1 (BIOS) or 2 (UEFI).",
    },
    "integration_services": {
        "query": "hyperv_guest.integration_services",
        "description": (
            "Every Hyper-V integration component with its state (Windows vmic* services; Linux hv_* kernel "
            "modules and the KVP, VSS and file copy daemons)."
        ),
    },
    "host_name": {
        "query": "hyperv_guest.host.name", "description": "The Hyper-V host, as it told the guest over KVP (HostName).",
    },
    "host_physical_name_fqdn": {
        "query": "hyperv_guest.host.physical_name_fqdn",
        "description": "The physical host, as it told the guest over KVP (PhysicalHostNameFullyQualified).",
    },
}


def _merge(*parts):
    merged = {}
    for part in parts:
        merged.update(part)
    return merged


PROFILES = {
    "kernel": {
        "description": (
            "Same kernel and hypervisor: build, UBR, and the image name, file version, SHA256 and signature of "
            "ntoskrnl.exe and of the hypervisor image. Platform, product name and edition are reported but "
            "allowed to differ, so Windows Server 2025 and Azure Local 24H2 nodes compare as identical when "
            "their binaries are."
        ),
        "fields": _merge(_RELEASE, _KERNEL, _binary_fields("hypervisor", "hypervisor (hvix64/hvax64/hvaa64.exe)"),
                         _PRODUCT),
        "expect_different": ["platform", "product_name", "edition_id"],
    },
    "os": {
        "description": (
            "Same operating system release: platform, product, edition, display version, build, UBR, "
            "architecture and Azure Local solution version."
        ),
        "fields": _merge(_PRODUCT, {
            "display_version": {"query": "display_version", "description": "Registry DisplayVersion (24H2)."},
        }, _RELEASE, {
            "architecture": {"query": "architecture", "description": "OS architecture."},
        }, _SOLUTION),
        "expect_different": [],
    },
    "hyperv": {
        "description": (
            "Same Hyper-V host: hypervisor running, role installed, hypervisor image and version, supported and "
            "default VM configuration versions, NUMA spanning and migration settings."
        ),
        "fields": _merge(_HYPERV_HOST, _HYPERVISOR_VERSION),
        "expect_different": [],
    },
    "cluster": {
        "description": (
            "What must match across the nodes of one failover cluster: platform, product, solution version, "
            "build and UBR (a mixed-build cluster blocks Azure Local updates), kernel and hypervisor versions, "
            "and the Hyper-V settings live migration depends on."
        ),
        "fields": _merge(_PRODUCT, _SOLUTION, _RELEASE,
                         {"kernel_file_version": _KERNEL["kernel_file_version"]}, _HYPERVISOR_VERSION, _HYPERV_HOST),
        "expect_different": [],
    },
    "guest": {
        "description": (
            "Hyper-V guests (the hyperv_guest document of hyperv.azlocal.guest_facts): hypervisor, VM generation and "
            "integration services must match; the host learned over KVP is reported but allowed to differ (guests "
            "run on different nodes, and a live migration moves them). Documents are read as the drift playbook "
            "and snapshots hold them ({hyperv_guest: ...}); with the compare role or compare_hosts on hostvars, "
            "set source to ansible_facts."
        ),
        "fields": _merge(_GUEST),
        "expect_different": ["host_name", "host_physical_name_fqdn"],
    },
}


def profile_names():
    """Names of the built-in profiles, in a stable order."""
    return sorted(PROFILES)


def get_profile(name):
    """A deep copy of the built-in profile `name`; ValueError naming the known profiles otherwise."""
    if not isinstance(name, str):
        raise TypeError("profile: expected a profile name (str) or a profile dict, got %s" % type(name).__name__)
    if name not in PROFILES:
        raise ValueError("profile: unknown profile '%s' (known profiles: %s)" % (name, ", ".join(profile_names())))
    return copy.deepcopy(PROFILES[name])


def list_profiles(patterns=None):
    """Built-in profiles whose name matches one of `patterns` (names or shell-style wildcards); all when empty.

    A pattern that matches no profile is an error, so a typo is never mistaken for "no profile".
    """
    if patterns is None or patterns == "":
        patterns = []
    elif isinstance(patterns, str):
        patterns = [patterns]
    elif not isinstance(patterns, (list, tuple)) or not all(isinstance(p, str) for p in patterns):
        raise TypeError("expected a profile name or a list of names, got %r" % (patterns,))
    selected = []
    for pattern in patterns:
        matched = fnmatch.filter(profile_names(), pattern)
        if not matched:
            raise ValueError("'%s' matches no profile (known profiles: %s)"
                             % (pattern, ", ".join(profile_names())))
        selected.extend(m for m in matched if m not in selected)
    return {name: get_profile(name) for name in (selected or profile_names())}
