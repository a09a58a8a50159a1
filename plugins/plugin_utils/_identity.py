# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Host identity: what a host IS, interpreted from raw observations.

PRIVATE to the collection. Pure functions over plain data; no Ansible imports.

host_identity() reads the raw ``ansible_facts.hyperv_host`` written by hyperv.azlocal.host_facts (or the
output of parse_ver / parse_systeminfo, or a list of several such documents of one host) and decides:
the platform (Azure Local, Windows Server, Windows client), the full version with UBR, the exact strings
``ver`` and ``systeminfo`` print, the release lineage, and which file is the kernel and which the
hypervisor image running on this CPU, with their versions, hashes and signatures. Every decision lives
here, so the filter, roles and reports all mean the same thing.

A value that cannot be known is None; nothing is guessed from the build number alone (Windows 11,
Windows Server 2025 and Azure Local share build 26100).
"""

from __future__ import annotations

import ntpath
import re

from ._lineage import (
    AZURE_LOCAL,
    WINDOWS_CLIENT,
    WINDOWS_SERVER,
    build_lineage,
    revision_info,
    solution_os_relation,
    solution_release,
)
from ._virtual_platforms import virtualization
from ._winraw import parse_windows_version, to_bool, to_int

UNKNOWN = "unknown"
PLATFORMS = (AZURE_LOCAL, WINDOWS_SERVER, WINDOWS_CLIENT, UNKNOWN)

KERNEL_IMAGE = "ntoskrnl.exe"
# The boot loader launches the hypervisor image built for the CPU: hvix64 (Intel VT-x), hvax64 (AMD-V),
# hvaa64 (ARM64). All of them may be on disk; only one runs.
HYPERVISOR_IMAGES = ("hvix64.exe", "hvax64.exe", "hvaa64.exe")
_IMAGE_BY_VENDOR = {"genuineintel": "hvix64.exe", "authenticamd": "hvax64.exe"}
_ARM64_IMAGE = "hvaa64.exe"

# Win32_OperatingSystem.OperatingSystemSKU values that only Azure Stack HCI / Azure Local uses
# (winnt.h PRODUCT_AZURESTACKHCI_SERVER_CORE = 0x196).
AZURE_LOCAL_SKUS = frozenset((406,))
# EditionID prefixes of Azure Stack HCI / Azure Local (ServerAzureStackHCICor).
AZURE_LOCAL_EDITION_PREFIXES = ("serverazurestackhci",)
AZURE_LOCAL_NAMES = ("azure stack hci", "azure local")
# Win32_OperatingSystem.ProductType, and the names Get-ComputerInfo prints for OsProductType.
PRODUCT_TYPES = {1: "workstation", 2: "domain_controller", 3: "server"}
PRODUCT_TYPE_NAMES = {"workstation": 1, "domaincontroller": 2, "server": 3}
SERVER_INSTALLATION_TYPES = ("server", "server core", "nano server")
# Win32_Processor.Architecture.
ARCHITECTURES = {0: "x86", 5: "arm", 6: "ia64", 9: "x64", 12: "arm64"}
# Win32_OptionalFeature.InstallState.
FEATURE_STATES = {1: "enabled", 2: "disabled", 3: "absent", 4: "unknown"}

_CLIENT_NAME_RE = re.compile(r"\bwindows (?:11|10|8\.1|8|7|vista|xp)\b", re.IGNORECASE)
_VENDOR_RE = re.compile(r"\b(GenuineIntel|AuthenticAMD|HygonGenuine|CentaurHauls)\b")
_SYSTEM_TYPES = (("arm64", "arm64"), ("x64", "x64"), ("x86", "x86"), ("arm", "arm"))
_HYPERVISOR_DETECTED = "hypervisor has been detected"
_FACTS_KEYS = frozenset(("os_registry", "os_cim", "hardware", "files", "signatures", "errors", "probe_durations"))


def _where(host):
    return "host_identity: host '%s'" % host if host else "host_identity"


def _as_dict(value, name, host):
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValueError("%s: %s must be a dict, got %s" % (_where(host), name, type(value).__name__))
    return value


def _as_list(value, name, host):
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError("%s: %s must be a list, got %s" % (_where(host), name, type(value).__name__))
    for item in value:
        if not isinstance(item, dict):
            raise ValueError("%s: every item of %s must be a dict, got %s" % (_where(host), name, type(item).__name__))
    return value


def _as_int(value, name, host):
    """An integer from a number or a decimal string (the registry stores CurrentBuild as text); _winraw.to_int."""
    try:
        return to_int(value, name)
    except ValueError as exc:
        raise ValueError("%s: %s" % (_where(host), exc)) from None


def _as_bool(value, name, host):
    """True/False from a boolean or the text Format-List prints ("True"); _winraw.to_bool."""
    try:
        return to_bool(value, name)
    except ValueError as exc:
        raise ValueError("%s: %s" % (_where(host), exc)) from None


def _text(value):
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _version_parts(text):
    """(major, minor, build) from '10.0.26100' (or '10.0.26100 N/A Build 26100') or None."""
    parts = parse_windows_version(text) if text and text.lstrip()[:1].isdigit() else None
    return parts[:3] if parts else None


def _empty_base(source):
    return {
        "source": source, "host_name": None, "product_name": None, "edition_id": None, "installation_type": None,
        "display_version": None, "caption": None, "os_configuration": None, "os_version_text": None, "sku": None,
        "product_type": None, "major": None, "minor": None, "build": None, "ubr": None, "ubr_read": False,
        "csd_version": None, "csd_known": False, "solution_version": None, "solution_source": None,
        "cpu_vendor": None, "architecture": None, "system_manufacturer": None, "system_model": None,
        "bios_version": None, "ver_string": None,
        "hypervisor_present": None, "hyperv_installed": None, "hyperv": None, "images": None,
        "collected_at": None, "errors": [], "anomalies": [],
    }


# ---------------------------------------------------------------------------------------------------------
# Raw hyperv_host facts (hyperv.azlocal.host_facts)
# ---------------------------------------------------------------------------------------------------------

def _observe_facts(facts, host):
    base = _empty_base("host_facts")
    registry = _as_dict(facts.get("os_registry"), "os_registry", host)
    cim = _as_dict(facts.get("os_cim"), "os_cim", host)
    hardware = _as_dict(facts.get("hardware"), "hardware", host)
    base["errors"] = [{"probe": e.get("probe"), "message": e.get("message"), "type": e.get("type")}
                      for e in _as_list(facts.get("errors"), "errors", host)]
    collected = facts.get("collected_at")
    if collected is not None and not isinstance(collected, str):
        raise ValueError("%s: collected_at must be an ISO 8601 time string, got %r" % (_where(host), collected))
    base["collected_at"] = _text(collected)

    if registry is not None:
        base.update(
            product_name=_text(registry.get("product_name")),
            edition_id=_text(registry.get("edition_id")),
            installation_type=_text(registry.get("installation_type")),
            display_version=_text(registry.get("display_version")) or _text(registry.get("release_id")),
            major=_as_int(registry.get("current_major_version_number"), "os_registry.current_major_version_number",
                          host),
            minor=_as_int(registry.get("current_minor_version_number"), "os_registry.current_minor_version_number",
                          host),
            ubr=_as_int(registry.get("ubr"), "os_registry.ubr", host),
            ubr_read=True,
        )
    if cim is not None:
        base.update(
            caption=_text(cim.get("caption")),
            sku=_as_int(cim.get("operating_system_sku"), "os_cim.operating_system_sku", host),
            product_type=_as_int(cim.get("product_type"), "os_cim.product_type", host),
            csd_version=_text(cim.get("csd_version")),
            csd_known=True,
        )
        parts = _version_parts(_text(cim.get("version")))
        if parts and base["major"] is None:
            base["major"], base["minor"] = parts[0], parts[1]
    base["build"] = _facts_build(registry, cim, base["anomalies"], host)
    if cim is not None and base["architecture"] is None:
        base["architecture"] = _os_architecture(_text(cim.get("os_architecture")))

    if hardware is not None:
        _observe_hardware(hardware, base, host)

    solution = _as_dict(facts.get("solution"), "solution", host)
    if solution is not None:
        base["solution_version"] = _text(solution.get("current_version")) or _text(solution.get("stamp_version"))
        base["solution_source"] = _text(solution.get("source"))

    hyperv = _as_dict(facts.get("hyperv"), "hyperv", host)
    vmhost = _as_dict(facts.get("vmhost"), "vmhost", host)
    base["hyperv"] = _hyperv_summary(hyperv, vmhost, host)
    base["hyperv_installed"] = _hyperv_installed(hyperv, host)

    # No files list (probe failed or excluded) means the binaries are unknown, not absent.
    files = facts.get("files")
    if files is not None:
        signatures = _as_list(facts.get("signatures"), "signatures", host)
        base["images"] = _images(_as_list(files, "files", host), signatures, host)
    return base


def _facts_build(registry, cim, anomalies, host):
    """The build number, from the registry (CurrentBuildNumber, CurrentBuild) or Win32_OperatingSystem."""
    candidates = []
    if registry is not None:
        candidates.append(("os_registry.current_build_number", registry.get("current_build_number")))
        candidates.append(("os_registry.current_build", registry.get("current_build")))
    if cim is not None:
        candidates.append(("os_cim.build_number", cim.get("build_number")))
        parts = _version_parts(_text(cim.get("version")))
        if parts:  # Win32_OperatingSystem.Version "10.0.26100" carries the build too
            candidates.append(("os_cim.version", parts[2]))
    seen = [(name, _as_int(value, name, host)) for name, value in candidates]
    seen = [(name, value) for name, value in seen if value is not None]
    if not seen:
        return None
    if len({value for _name, value in seen}) > 1:
        anomalies.append("the build numbers disagree: %s; using %s"
                         % (", ".join("%s=%d" % item for item in seen), seen[0][0]))
    return seen[0][1]


def _os_architecture(text):
    """Architecture from Win32_OperatingSystem.OSArchitecture ("64-bit", "ARM 64-bit Processor")."""
    if not text:
        return None
    lower = text.lower()
    if "arm" in lower:
        return "arm64" if "64" in lower else "arm"
    if "64" in lower:
        return "x64"
    if "32" in lower:
        return "x86"
    return None


def _observe_hardware(hardware, base, host):
    system = _as_dict(hardware.get("computer_system"), "hardware.computer_system", host)
    if system is not None:
        base.update(
            host_name=_text(system.get("name")),
            system_manufacturer=_text(system.get("manufacturer")),
            system_model=_text(system.get("model")),
            hypervisor_present=_as_bool(system.get("hypervisor_present"), "hardware.computer_system.hypervisor_present",
                                        host),
        )
    processors = _as_list(hardware.get("processors"), "hardware.processors", host)
    vendors = []
    architectures = []
    for cpu in processors:
        vendor = _text(cpu.get("manufacturer"))
        if vendor and vendor not in vendors:
            vendors.append(vendor)
        arch = ARCHITECTURES.get(_as_int(cpu.get("architecture"), "hardware.processors.architecture", host))
        if arch and arch not in architectures:
            architectures.append(arch)
    if len(vendors) > 1:
        base["anomalies"].append("processors report different vendors: %s" % ", ".join(vendors))
    if vendors:
        base["cpu_vendor"] = vendors[0]
    if architectures:
        base["architecture"] = architectures[0]


def _hyperv_installed(hyperv, host):
    """True/False from the optional feature Microsoft-Hyper-V, else from the vmms service; None if unknown."""
    if hyperv is None:
        return None
    feature = _as_dict(hyperv.get("optional_feature"), "hyperv.optional_feature", host)
    state = None
    if feature is not None:
        state = FEATURE_STATES.get(_as_int(feature.get("install_state"), "hyperv.optional_feature.install_state", host))
    if state == "enabled":
        return True
    if state in ("disabled", "absent"):
        return False
    # No feature state (unknown, or no such optional feature on this SKU): the Hyper-V management service
    # exists exactly when the role is installed.
    return _as_dict(hyperv.get("vmms"), "hyperv.vmms", host) is not None


def _hyperv_summary(hyperv, vmhost, host):
    summary = {
        "feature_state": None, "vmms_state": None, "vmms_start_mode": None, "default_vm_version": None,
        "supported_vm_versions": None, "logical_processor_count": None, "memory_capacity": None,
        "numa_spanning_enabled": None, "virtual_machine_path": None, "virtual_hard_disk_path": None,
        "live_migration": None,
    }
    if hyperv is not None:
        feature = _as_dict(hyperv.get("optional_feature"), "hyperv.optional_feature", host)
        if feature is not None:
            summary["feature_state"] = FEATURE_STATES.get(
                _as_int(feature.get("install_state"), "hyperv.optional_feature.install_state", host))
        vmms = _as_dict(hyperv.get("vmms"), "hyperv.vmms", host)
        if vmms is not None:
            summary["vmms_state"] = _text(vmms.get("state"))
            summary["vmms_start_mode"] = _text(vmms.get("start_mode"))
    if vmhost is not None:
        versions = _as_list(vmhost.get("supported_versions"), "vmhost.supported_versions", host)
        summary.update(
            supported_vm_versions=[_text(v.get("version")) for v in versions],
            default_vm_version=next((_text(v.get("version")) for v in versions if v.get("is_default") is True), None),
            logical_processor_count=vmhost.get("logical_processor_count"),
            memory_capacity=vmhost.get("memory_capacity"),
            numa_spanning_enabled=vmhost.get("numa_spanning_enabled"),
            virtual_machine_path=vmhost.get("virtual_machine_path"),
            virtual_hard_disk_path=vmhost.get("virtual_hard_disk_path"),
            live_migration={
                "enabled": vmhost.get("virtual_machine_migration_enabled"),
                "maximum_migrations": vmhost.get("maximum_virtual_machine_migrations"),
                "maximum_storage_migrations": vmhost.get("maximum_storage_migrations"),
                "authentication_type": vmhost.get("virtual_machine_migration_authentication_type"),
                "performance_option": vmhost.get("virtual_machine_migration_performance_option"),
            },
        )
    return summary


def _images(files, signatures, host):
    """image name -> (file entry, signature entry) for the kernel and the hypervisor images in System32."""
    by_path = {}
    for signature in signatures:
        path = _text(signature.get("path"))
        if path:
            by_path[path.lower()] = signature
    images = {}
    for entry in files:
        path = _text(entry.get("path"))
        if not path:
            raise ValueError("%s: an item of files has no path" % _where(host))
        name = ntpath.basename(path).lower()
        folder = ntpath.basename(ntpath.dirname(path)).lower()
        # Sysnative: where a 32-bit PowerShell reads the native System32 (host_facts does so when it runs 32-bit).
        if folder in ("system32", "sysnative") and name in (KERNEL_IMAGE,) + HYPERVISOR_IMAGES and name not in images:
            images[name] = (entry, by_path.get(path.lower()))
    return images


# ---------------------------------------------------------------------------------------------------------
# Text sources (parse_ver, parse_systeminfo)
# ---------------------------------------------------------------------------------------------------------

def _observe_ver(doc, host):
    base = _empty_base("ver")
    base.update(
        major=_as_int(doc.get("major"), "major", host),
        minor=_as_int(doc.get("minor"), "minor", host),
        build=_as_int(doc.get("build"), "build", host),
        ubr=_as_int(doc.get("ubr"), "ubr", host),
        ubr_read=True,
        ver_string=_text(doc.get("ver_string")),
    )
    if base["build"] is None:
        raise ValueError("%s: the parse_ver document has no build" % _where(host))
    return base


def _observe_systeminfo(doc, host):
    base = _empty_base("systeminfo")
    os_version = _text(doc.get("os_version"))
    parts = _version_parts(os_version)
    build = _as_int(doc.get("build"), "build", host)
    if build is None and parts:
        build = parts[2]
    caption = _text(doc.get("os_name"))
    base.update(
        host_name=_text(doc.get("host_name")),
        caption=caption,
        product_name=_strip_vendor(caption),
        os_configuration=_text(doc.get("os_configuration")),
        os_version_text=os_version,
        major=parts[0] if parts else None,
        minor=parts[1] if parts else None,
        build=build,
        system_manufacturer=_text(doc.get("system_manufacturer")),
        system_model=_text(doc.get("system_model")),
        bios_version=_text(doc.get("bios_version")),
    )
    system_type = (_text(doc.get("system_type")) or "").lower()
    base["architecture"] = next((arch for token, arch in _SYSTEM_TYPES if system_type.startswith(token)), None)
    processors = doc.get("processors")
    text = " ".join(processors) if isinstance(processors, list) else (_text(processors) or "")
    vendor = _VENDOR_RE.search(text)
    base["cpu_vendor"] = vendor.group(1) if vendor else None
    requirements = doc.get("hyper_v_requirements")
    if isinstance(requirements, list):
        requirements = " ".join(str(item) for item in requirements)
    requirements = (_text(requirements) or "").lower()
    if _HYPERVISOR_DETECTED in requirements:
        base["hypervisor_present"] = True
    elif requirements:
        # The list of hardware requirements is printed only when no hypervisor runs.
        base["hypervisor_present"] = False
    return base


def _observe_computerinfo(doc, host):
    """Get-ComputerInfo as parse_computerinfo reads it (values as Format-List printed them)."""
    base = _empty_base("computerinfo")
    version = _version_parts(_text(doc.get("os_version")))
    build = _as_int(doc.get("build"), "build", host)
    base.update(
        host_name=_text(doc.get("cs_name")) or _text(doc.get("cs_dns_host_name")),
        product_name=_text(doc.get("windows_product_name")),
        edition_id=_text(doc.get("windows_edition_id")),
        installation_type=_text(doc.get("windows_installation_type")),
        display_version=_text(doc.get("os_display_version")) or _text(doc.get("windows_version")),
        caption=_text(doc.get("os_name")),
        sku=_sku(doc.get("os_operating_system_sku"), "os_operating_system_sku", host),
        product_type=_product_type(doc.get("os_product_type"), "os_product_type", host),
        major=version[0] if version else None,
        minor=version[1] if version else None,
        build=build if build is not None else (version[2] if version else None),
        ubr=_as_int(doc.get("windows_ubr"), "windows_ubr", host),
        ubr_read="windows_ubr" in doc,
        system_manufacturer=_text(doc.get("cs_manufacturer")),
        system_model=_text(doc.get("cs_model")),
        bios_version=" ".join(v for v in (_text(doc.get("bios_manufacturer")), _text(doc.get("bios_version"))) if v) or None,
        architecture=_os_architecture(_text(doc.get("os_architecture"))),
    )
    present = doc.get("hyper_visor_present") if "hyper_visor_present" in doc else doc.get("cs_hypervisor_present")
    base["hypervisor_present"] = _as_bool(present, "hyper_visor_present", host)
    return base


def _observe_win32_os(doc, host):
    """Win32_OperatingSystem as parse_computerinfo reads its Format-List text."""
    base = _empty_base("win32_operatingsystem")
    version = _version_parts(_text(doc.get("version")))
    build = _as_int(doc.get("build"), "build", host)
    name = _text(doc.get("name"))
    base.update(
        host_name=_text(doc.get("cs_name")),
        caption=_text(doc.get("caption")) or (_text(name.split("|", 1)[0]) if name else None),
        sku=_sku(doc.get("operating_system_sku"), "operating_system_sku", host),
        product_type=_product_type(doc.get("product_type"), "product_type", host),
        csd_version=_text(doc.get("csd_version")),
        csd_known="csd_version" in doc,
        major=version[0] if version else None,
        minor=version[1] if version else None,
        build=build if build is not None else (version[2] if version else None),
        architecture=_os_architecture(_text(doc.get("os_architecture"))),
    )
    return base


def _sku(value, name, host):
    """OperatingSystemSKU: a number (48, 406); a name some PowerShell versions print instead is not a number."""
    text = _text(value)
    return _as_int(text, name, host) if text is None or text.lstrip("-").isdigit() else None


def _product_type(value, name, host):
    """ProductType as a number (Win32_OperatingSystem) or a name (Get-ComputerInfo OsProductType)."""
    text = _text(value)
    if text is not None and text.replace(" ", "").lower() in PRODUCT_TYPE_NAMES:
        return PRODUCT_TYPE_NAMES[text.replace(" ", "").lower()]
    return _as_int(text, name, host)


def _strip_vendor(caption):
    if caption and caption.lower().startswith("microsoft "):
        return caption[len("microsoft "):].strip() or None
    return caption


# ---------------------------------------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------------------------------------

def decide_platform(edition_id=None, sku=None, product_type=None, installation_type=None, names=(),
                    os_configuration=None):
    """(platform, basis): which platform the evidence shows, and the observation that decided it.

    Azure Local first (its EditionID, SKU 406 or its product name), then client vs server from the product
    type, installation type, edition, systeminfo's OS Configuration or the product name. The build number
    is never evidence: Windows 11, Windows Server 2025 and Azure Local all run build 26100.
    """
    edition = (edition_id or "").lower()
    names = [name for name in names if name]
    if edition.startswith(AZURE_LOCAL_EDITION_PREFIXES):
        return AZURE_LOCAL, "edition_id %s" % edition_id
    if sku in AZURE_LOCAL_SKUS:
        return AZURE_LOCAL, "operating_system_sku %d" % sku
    for name in names:
        if any(marker in name.lower() for marker in AZURE_LOCAL_NAMES):
            return AZURE_LOCAL, "product name '%s'" % name
    kind = PRODUCT_TYPES.get(product_type)
    if kind == "workstation":
        return WINDOWS_CLIENT, "product_type 1 (workstation)"
    if kind is not None:
        return WINDOWS_SERVER, "product_type %d (%s)" % (product_type, kind)
    installation = (installation_type or "").lower()
    if installation == "client":
        return WINDOWS_CLIENT, "installation_type Client"
    if installation in SERVER_INSTALLATION_TYPES:
        return WINDOWS_SERVER, "installation_type %s" % installation_type
    if edition.startswith("server"):
        return WINDOWS_SERVER, "edition_id %s" % edition_id
    configuration = (os_configuration or "").lower()
    if "workstation" in configuration:
        return WINDOWS_CLIENT, "OS Configuration '%s'" % os_configuration
    if "server" in configuration or "domain controller" in configuration:
        return WINDOWS_SERVER, "OS Configuration '%s'" % os_configuration
    for name in names:
        if "windows server" in name.lower():
            return WINDOWS_SERVER, "product name '%s'" % name
        if _CLIENT_NAME_RE.search(name):
            return WINDOWS_CLIENT, "product name '%s'" % name
    return UNKNOWN, None


def hypervisor_image(cpu_vendor, architecture):
    """The hypervisor image the boot loader launches on this CPU, or None when it cannot be told."""
    if architecture == "arm64":
        return _ARM64_IMAGE
    if architecture not in (None, "x64"):
        return None
    return _IMAGE_BY_VENDOR.get((cpu_vendor or "").lower())


def observed_file(entry):
    """True when a file entry holds an observation of the file: its version or a hash was read.

    A path alone, or a file that does not exist or could not be read, is no evidence of which image runs.
    """
    if entry is None or entry.get("exists") is False:
        return False
    if _text(entry.get("file_version_raw")) or _text(entry.get("product_version_raw")) or _text(entry.get("file_version")):
        return True
    return any(_text(value) for value in (entry.get("hashes") or {}).values())


def _observed_images(base):
    """The kernel image (or None) and the hypervisor image (or None), decided only from files that were read.

    The hypervisor image is the one hypervisor image file found and read on the host; when several were read
    (x64 Windows ships hvix64.exe and hvax64.exe), the CPU vendor and architecture choose among them. A host
    whose files were not read (a guest, a host known from systeminfo or ver text) has neither.
    """
    images = base["images"] or {}
    kernel = KERNEL_IMAGE if observed_file(images.get(KERNEL_IMAGE, (None, None))[0]) else None
    found = [name for name in HYPERVISOR_IMAGES if observed_file(images.get(name, (None, None))[0])]
    if len(found) <= 1:
        return kernel, (found[0] if found else None), None
    wanted = hypervisor_image(base["cpu_vendor"], base["architecture"])
    if wanted in found:
        return kernel, wanted, None
    return kernel, None, ("hypervisor images %s were read, and CPU vendor %s on architecture %s does not tell which "
                          "one runs" % (", ".join(found), base["cpu_vendor"], base["architecture"]))


def _product_name(base):
    name = base["product_name"] or _strip_vendor(base["caption"])
    caption = base["caption"] or ""
    # The registry ProductName of Windows 11 still says "Windows 10 ..."; WMI's Caption is right.
    if name and name.startswith("Windows 10") and "Windows 11" in caption:
        name = "Windows 11" + name[len("Windows 10"):]
    return name


def _dn_organization(dn):
    match = re.search(r"(?:^|,)\s*O=(\"[^\"]*\"|[^,]*)", dn or "")
    return match.group(1).strip().strip('"') if match else None


def _signature_summary(signature):
    summary = {"status": None, "status_message": None, "signer": None, "issuer": None, "thumbprint": None,
               "signature_type": None, "is_os_binary": None, "timestamper": None, "microsoft": None, "error": None}
    if signature is None:
        return summary
    summary.update(
        status=_text(signature.get("status")),
        status_message=_text(signature.get("status_message")),
        signer=_text(signature.get("signer_subject")),
        issuer=_text(signature.get("signer_issuer")),
        thumbprint=(_text(signature.get("signer_thumbprint")) or "").upper() or None,
        signature_type=_text(signature.get("signature_type")),
        is_os_binary=signature.get("is_os_binary"),
        timestamper=_text(signature.get("timestamper_subject")),
        error=_text(signature.get("error")),
    )
    if summary["status"] is not None:
        # A genuine image: a valid signature whose signer and issuing CA both belong to Microsoft.
        summary["microsoft"] = (summary["status"] == "Valid"
                                and _dn_organization(summary["signer"]) == "Microsoft Corporation"
                                and _dn_organization(summary["issuer"]) == "Microsoft Corporation")
    return summary


def _image_summary(name, images, image):
    """The kernel / hypervisor document: always the same keys, None where unknown.

    name is the file to describe (None: none), image the name to report (None unless the file was observed).
    """
    entry, signature = (images or {}).get(name, (None, None)) if name else (None, None)
    summary = {
        "image": image, "path": None, "exists": None, "file_version": None, "product_version": None,
        "file_version_string": None, "file_description": None, "size": None, "last_write_time": None,
        "hashes": {}, "signature": _signature_summary(signature), "error": None,
    }
    if entry is None:
        return summary
    hashes = entry.get("hashes") or {}
    summary.update(
        path=_text(entry.get("path")),
        exists=entry.get("exists"),
        file_version=_text(entry.get("file_version_raw")),
        product_version=_text(entry.get("product_version_raw")),
        file_version_string=_text(entry.get("file_version")),
        file_description=_text(entry.get("file_description")),
        size=entry.get("size"),
        last_write_time=_text(entry.get("last_write_time_utc")),
        hashes={str(name).lower(): str(value).strip().upper() for name, value in hashes.items() if value},
        error=_text(entry.get("error")),
    )
    return summary


def _version(base):
    if base["major"] is None or base["minor"] is None or base["build"] is None:
        return None
    version = "%d.%d.%d" % (base["major"], base["minor"], base["build"])
    if base["ubr"] is not None:
        version += ".%d" % base["ubr"]
    return version


def _os_version(base):
    if base["os_version_text"]:
        return base["os_version_text"]
    if base["major"] is None or base["minor"] is None or base["build"] is None:
        return None
    if not base["csd_known"] and base["major"] < 10:
        return None  # a service pack may stand where systeminfo prints N/A
    return "%d.%d.%d %s Build %d" % (base["major"], base["minor"], base["build"], base["csd_version"] or "N/A",
                                     base["build"])


def _derive(base, host):
    platform, basis = decide_platform(
        edition_id=base["edition_id"], sku=base["sku"], product_type=base["product_type"],
        installation_type=base["installation_type"], names=(base["caption"], base["product_name"]),
        os_configuration=base["os_configuration"])
    anomalies = list(base["anomalies"])
    version = _version(base)
    kernel, image, undecided = _observed_images(base)
    if undecided:
        anomalies.append(undecided)
    lineage = build_lineage(base["build"], platform)
    lineage["revision"] = revision_info(base["build"], base["ubr"])
    try:
        lineage["solution"] = solution_release(base["solution_version"])
    except ValueError as exc:
        raise ValueError("%s: %s" % (_where(host), exc)) from exc
    if lineage["solution"] is not None:
        relation, anomaly = solution_os_relation(lineage["solution"], base["build"], base["ubr"])
        lineage["solution"]["host_os"] = relation
        if anomaly:
            anomalies.append(anomaly)
    return {
        "source": base["source"],
        "sources": base["source"].split("+"),
        "host_name": base["host_name"],
        "platform": platform,
        "platform_basis": basis,
        "product_name": _product_name(base),
        "edition_id": base["edition_id"],
        "installation_type": base["installation_type"],
        "display_version": base["display_version"],
        "build": base["build"],
        "ubr": base["ubr"],
        "version": version,
        "ver_string": base["ver_string"] or (
            "Microsoft Windows [Version %s]" % version if version and base["ubr_read"] else None),
        "os_name": base["caption"],
        "os_version": _os_version(base),
        "solution_version": base["solution_version"],
        "solution_source": base["solution_source"],
        "lineage": lineage,
        "cpu_vendor": base["cpu_vendor"],
        "architecture": base["architecture"],
        "system_manufacturer": base["system_manufacturer"],
        "system_model": base["system_model"],
        "virtualization": virtualization(base["system_manufacturer"], base["system_model"], base["bios_version"]),
        "hypervisor_present": base["hypervisor_present"],
        "hyperv_installed": base["hyperv_installed"],
        "hyperv": base["hyperv"] or _hyperv_summary(None, None, host),
        "kernel": _image_summary(KERNEL_IMAGE, base["images"], kernel),
        "hypervisor": _image_summary(image, base["images"], image),
        "collected_at": base["collected_at"],
        "errors": base["errors"],
        "anomalies": anomalies,
    }


# ---------------------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------------------

def _unwrap(doc):
    """hostvars[host] or a facts module result -> the hyperv_host facts inside, else doc itself."""
    if "hyperv_host" in doc and isinstance(doc["hyperv_host"], dict):
        return doc["hyperv_host"]
    facts = doc.get("ansible_facts") if "ansible_facts" in doc else None
    if isinstance(facts, dict) and "hyperv_host" in facts and isinstance(facts["hyperv_host"], dict):
        return facts["hyperv_host"]
    return doc


def _observe(doc, host):
    if not isinstance(doc, dict):
        raise TypeError("%s: expected hyperv_host facts, parse_ver, parse_systeminfo or parse_computerinfo output, got %s"
                        % (_where(host), type(doc).__name__))
    doc = _unwrap(doc)
    if _FACTS_KEYS.intersection(doc.keys()):
        return _observe_facts(doc, host)
    source = doc.get("source")
    if source == "ver" or (source is None and "ver_string" in doc):
        return _observe_ver(doc, host)
    if source == "computerinfo":
        return _observe_computerinfo(doc, host)
    if source == "win32_operatingsystem":
        return _observe_win32_os(doc, host)
    if source == "systeminfo" or (source is None and ("os_name" in doc or "os_version" in doc)):
        return _observe_systeminfo(doc, host)
    raise ValueError("%s: the input is neither hyperv_host facts (keys such as os_registry, os_cim, files) nor the "
                     "output of parse_ver, parse_systeminfo or parse_computerinfo; keys found: %s"
                     % (_where(host), ", ".join(sorted(str(k) for k in doc)) or "none"))


# Base fields merged by rule rather than by equality.
_MERGE_ANY = ("ubr_read", "csd_known")
_MERGE_OLDEST = ("collected_at",)  # several documents are as old as the oldest of them
_MERGE_CONCAT = ("errors", "anomalies")


def _merge(bases, host):
    """One base from several documents of the same host; a field two documents disagree on is an error."""
    merged = _empty_base("+".join(base["source"] for base in bases))
    for key in merged:
        if key == "source":
            continue
        if key in _MERGE_ANY:
            merged[key] = any(base[key] for base in bases)
            continue
        if key in _MERGE_CONCAT:
            merged[key] = [item for base in bases for item in base[key]]
            continue
        if key in _MERGE_OLDEST:
            merged[key] = min((base[key] for base in bases if base[key] is not None), default=None)
            continue
        known = [(base["source"], base[key]) for base in bases if base[key] is not None]
        distinct = []
        for _source, value in known:
            if value not in distinct:
                distinct.append(value)
        if len(distinct) > 1:
            raise ValueError("%s: the documents disagree on %s: %s" % (
                _where(host), key, "; ".join("%r from %s" % (value, source) for source, value in known)))
        merged[key] = distinct[0] if distinct else None
    return merged


def host_identity(data, host=None):
    """Interpret one host's observations into its identity document.

    data is the raw ``hyperv_host`` facts of hyperv.azlocal.host_facts (also accepted: a dict holding them
    under ``hyperv_host`` or ``ansible_facts.hyperv_host``, such as hostvars[host]), the output of parse_ver
    or parse_systeminfo, or a list of such documents of the same host (for example systeminfo plus ver,
    which alone knows the UBR). host only names the host in error messages.

    Raises TypeError for input of the wrong type and ValueError for malformed values or documents that
    disagree, naming the host and the field.
    """
    docs = data if isinstance(data, list) else [data]
    if not docs:
        raise ValueError("%s: the list of documents is empty" % _where(host))
    bases = [_observe(doc, host) for doc in docs]
    base = bases[0] if len(bases) == 1 else _merge(bases, host)
    return _derive(base, host)
