# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Hyper-V guest detection for the guest_facts modules (FOR INTERNAL COLLECTION USE ONLY).

Pure functions: the Linux module reads files and hands their raw content here; nothing in this file
touches the file system. It runs on targets, so it stays compatible with Python 3.8 and imports
nothing outside the standard library.

The verdict (hypervisor, cloud, generation) is decided by the ordered rule tables in RULES. The
Windows module (win_guest_facts.ps1) carries the same tables and the same small evaluator, because a
facts module must return final data and Windows targets have no Python; a unit test reads the tables
out of the .ps1 syntax tree and compares them with these, and the test vectors in
tests/unit/data/guest_facts/rule_vectors.json run through both evaluators (pytest and Pester).
"""

import re

# struct kvp_record { char key[HV_KVP_EXCHANGE_MAX_KEY_SIZE]; char value[HV_KVP_EXCHANGE_MAX_VALUE_SIZE]; }
# (torvalds/linux tools/hv/hv_kvp_daemon.c, include/uapi/linux/hyperv.h): fixed records, no header.
KVP_KEY_SIZE = 512
KVP_VALUE_SIZE = 2048
KVP_RECORD_SIZE = KVP_KEY_SIZE + KVP_VALUE_SIZE
# The most records a pool file holds (HV_KVP_EXCHANGE_MAX_RECORDS, Azure/azure-init doc/kvp.md); pool 3 carries
# about ten. guest_facts reads no more than this many bytes of a pool, so a damaged or hostile file cannot make
# it read without end or return megabytes.
KVP_MAX_RECORDS = 1024
KVP_MAX_BYTES = KVP_MAX_RECORDS * KVP_RECORD_SIZE
# How many KVP key names and pool problems a result lists (the counts are always complete).
KVP_MAX_NAMES = 100
KVP_MAX_PROBLEMS = 20
# enum hv_kvp_exchg_pool: KVP_POOL_AUTO_EXTERNAL (3) holds what the host sends the guest.
KVP_HOST_POOL = 3
KVP_POOL_FILE = ".kvp_pool_%d" % KVP_HOST_POOL
# hv_kvp_daemon writes to /var/lib/hyperv (KVP_CONFIG_LOC); some packagings use /var/opt/hyperv.
KVP_DIRS = ("/var/lib/hyperv", "/var/opt/hyperv")

# Chassis asset tag of Azure VMs (cloud-init ChassisAssetTag.AZURE_CLOUD; ASCII codes of "MSFT AZURE VM").
AZURE_ASSET_TAG = "7783-7084-3265-9085-8269-3286-77"

# Document key -> KVP key, for the host-provided values (pool 3 on Linux, the registry key
# HKLM\SOFTWARE\Microsoft\Virtual Machine\Guest\Parameters on Windows).
KVP_HOST_KEYS = (("name", "HostName"), ("physical_name", "PhysicalHostName"),
                 ("physical_name_fqdn", "PhysicalHostNameFullyQualified"))
KVP_VM_KEYS = (("name", "VirtualMachineName"), ("id", "VirtualMachineId"))

# The platform-neutral observations the rules look at; a platform that cannot observe one sets it to None.
SIGNALS = (
    "vendor",               # SMBIOS system manufacturer (DMI sys_vendor / Win32_ComputerSystem.Manufacturer)
    "product",              # SMBIOS product name (DMI product_name / Win32_ComputerSystem.Model)
    "asset_tag",            # SMBIOS chassis asset tag (DMI chassis_asset_tag / Win32_SystemEnclosure.SMBIOSAssetTag)
    "bios_vendor",          # DMI bios_vendor / Win32_BIOS.Manufacturer
    "bios_version",         # DMI bios_version / Win32_BIOS.SMBIOSBIOSVersion
    "firmware_type",        # 'uefi' or 'bios' (/sys/firmware/efi / PEFirmwareType)
    "vmbus_devices",        # number of devices on the VMBus (Linux /sys/bus/vmbus/devices)
    "container",            # container manager the module runs in (Linux)
    "cpu_hypervisor_flag",  # CPUID hypervisor bit as the kernel shows it (Linux /proc/cpuinfo)
    "kvp_host_data",        # the host-provided KVP values are present
)

# Ordered rule tables: the first rule whose conditions all hold gives the value ('result', or the value of
# the signal named by 'use_signal'). Tests: 'prefix' and 'equals' compare trimmed strings ignoring case,
# 'present' holds for any value other than None, '', 0 and false. Tables are evaluated in the order
# hypervisor, cloud, generation, and each sees the results of the earlier ones as signals.
# Keep these tables identical to $guestRules in plugins/modules/win_guest_facts.ps1 (a unit test checks).
RULES = {
    "hypervisor": [
        {"id": "smbios_microsoft_virtual_machine", "result": "hyperv", "use_signal": None, "when": [
            {"signal": "vendor", "test": "prefix", "value": "Microsoft Corporation"},
            {"signal": "product", "test": "prefix", "value": "Virtual Machine"}]},
        {"id": "vmbus_devices", "result": "hyperv", "use_signal": None, "when": [
            {"signal": "vmbus_devices", "test": "present", "value": None}]},
        {"id": "smbios_vmware", "result": "vmware", "use_signal": None, "when": [
            {"signal": "vendor", "test": "prefix", "value": "VMware"}]},
        {"id": "smbios_virtualbox", "result": "virtualbox", "use_signal": None, "when": [
            {"signal": "product", "test": "prefix", "value": "VirtualBox"}]},
        {"id": "smbios_kvm", "result": "kvm", "use_signal": None, "when": [
            {"signal": "product", "test": "prefix", "value": "KVM"}]},
        {"id": "smbios_qemu", "result": "qemu", "use_signal": None, "when": [
            {"signal": "vendor", "test": "prefix", "value": "QEMU"}]},
        {"id": "smbios_xen", "result": "xen", "use_signal": None, "when": [
            {"signal": "vendor", "test": "prefix", "value": "Xen"}]},
        {"id": "smbios_amazon", "result": "amazon", "use_signal": None, "when": [
            {"signal": "vendor", "test": "prefix", "value": "Amazon EC2"}]},
        {"id": "smbios_google", "result": "google", "use_signal": None, "when": [
            {"signal": "product", "test": "prefix", "value": "Google Compute Engine"}]},
        {"id": "smbios_parallels", "result": "parallels", "use_signal": None, "when": [
            {"signal": "vendor", "test": "prefix", "value": "Parallels"}]},
        {"id": "smbios_bhyve", "result": "bhyve", "use_signal": None, "when": [
            {"signal": "vendor", "test": "prefix", "value": "BHYVE"}]},
        {"id": "container", "result": None, "use_signal": "container", "when": [
            {"signal": "container", "test": "present", "value": None}]},
        {"id": "cpu_hypervisor_flag", "result": "unknown", "use_signal": None, "when": [
            {"signal": "cpu_hypervisor_flag", "test": "present", "value": None}]},
        {"id": "nothing_detected", "result": "none", "use_signal": None, "when": []},
    ],
    "cloud": [
        {"id": "azure_asset_tag", "result": "azure", "use_signal": None, "when": [
            {"signal": "asset_tag", "test": "equals", "value": AZURE_ASSET_TAG}]},
    ],
    "generation": [
        {"id": "firmware_uefi", "result": 2, "use_signal": None, "when": [
            {"signal": "hypervisor", "test": "equals", "value": "hyperv"},
            {"signal": "firmware_type", "test": "equals", "value": "uefi"}]},
        {"id": "firmware_bios", "result": 1, "use_signal": None, "when": [
            {"signal": "hypervisor", "test": "equals", "value": "hyperv"},
            {"signal": "firmware_type", "test": "equals", "value": "bios"}]},
        {"id": "bios_version_hyperv_uefi", "result": 2, "use_signal": None, "when": [
            {"signal": "hypervisor", "test": "equals", "value": "hyperv"},
            {"signal": "bios_version", "test": "prefix", "value": "Hyper-V UEFI"}]},
        {"id": "bios_vendor_american_megatrends", "result": 1, "use_signal": None, "when": [
            {"signal": "hypervisor", "test": "equals", "value": "hyperv"},
            {"signal": "bios_vendor", "test": "prefix", "value": "American Megatrends"}]},
    ],
}
RULE_ORDER = ("hypervisor", "cloud", "generation")

# Integration services (MicrosoftDocs/Virtualization-Documentation reference/integration-services.md):
# neutral name -> Windows service(s), Linux kernel module(s) and daemon(s) that implement it.
INTEGRATION_SERVICES = {
    "heartbeat": {"windows": ("vmicheartbeat",), "linux": ("hv_utils",)},
    "shutdown": {"windows": ("vmicshutdown",), "linux": ("hv_utils",)},
    "time_sync": {"windows": ("vmictimesync",), "linux": ("hv_utils",)},
    "kvp": {"windows": ("vmickvpexchange",), "linux": ("hv_kvp_daemon",)},
    "vss": {"windows": ("vmicvss",), "linux": ("hv_vss_daemon",)},
    "guest_services": {"windows": ("vmicguestinterface",), "linux": ("hv_fcopy_daemon",)},
    "powershell_direct": {"windows": ("vmicvmsession",), "linux": ()},
    "remote_desktop": {"windows": ("vmicrdv",), "linux": ()},
}
# Hyper-V drivers of the Linux kernel (drivers/hv, drivers/net/hyperv, drivers/scsi/storvsc_drv.c, ...).
LINUX_MODULES = ("hv_vmbus", "hv_utils", "hv_netvsc", "hv_storvsc", "hv_balloon", "hv_sock",
                 "hid_hyperv", "hyperv_keyboard", "hyperv_fb", "hyperv_drm")
# Daemon -> process names it runs as: upstream tools/hv names, and the RHEL hyperv-daemons names.
# /proc/<pid>/comm keeps 15 characters, so hv_fcopy_uio_daemon (Linux 6.10+) shows as 'hv_fcopy_uio_da'.
LINUX_DAEMONS = {
    "hv_kvp_daemon": ("hv_kvp_daemon", "hypervkvpd"),
    "hv_vss_daemon": ("hv_vss_daemon", "hypervvssd"),
    "hv_fcopy_daemon": ("hv_fcopy_daemon", "hypervfcopyd", "hv_fcopy_uio_daemon"),
}
COMM_LENGTH = 15

# DMI attributes read under /sys/class/dmi/id (all world-readable).
DMI_FILES = ("sys_vendor", "product_name", "chassis_asset_tag", "bios_vendor", "bios_version", "bios_date")

_DMI_DATE_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_CGROUP_MARKERS = (("/docker", "docker"), ("docker-", "docker"), ("/libpod", "podman"), ("/lxc", "lxc"),
                   ("/kubepods", "container"))


def _c_string(raw, what):
    """Decode one NUL-terminated field of a KVP record; return (text, problem or None)."""
    end = raw.find(b"\x00")
    problem = None
    if end < 0:
        problem = "%s is not NUL-terminated" % what
        end = len(raw)
    raw = raw[:end]
    try:
        return raw.decode("utf-8"), problem
    except UnicodeDecodeError:
        text = raw.decode("utf-8", "replace")
        return text, (problem + "; " if problem else "") + "%s is not valid UTF-8 (undecodable bytes replaced)" % what


def cap_list(items, limit, what):
    """The first `limit` items, then one sentence that counts the rest (nothing is dropped silently)."""
    items = list(items)
    if len(items) <= limit:
        return items
    return items[:limit] + ["%d more %s not listed" % (len(items) - limit, what)]


def parse_kvp_pool(data, key_size=KVP_KEY_SIZE, value_size=KVP_VALUE_SIZE, max_problems=KVP_MAX_PROBLEMS):
    """Parse the bytes of a .kvp_pool_N file.

    Returns a dict: values (key -> value, first record wins as in hv_kvp_daemon's kvp_get_value),
    keys (in file order), records (whole records read) and problems (one sentence each; empty for a
    well-formed file; the first max_problems, then one sentence that counts the rest). A trailing
    partial record is ignored; an undecodable field is kept with the bytes replaced by U+FFFD; a
    record with an empty key is skipped.
    """
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError("parse_kvp_pool expects bytes, got %s" % type(data).__name__)
    record_size = key_size + value_size
    count, rest = divmod(len(data), record_size)
    problems = []
    values = {}
    keys = []
    for index in range(count):
        start = index * record_size
        key, key_problem = _c_string(data[start:start + key_size], "record %d key" % index)
        value, value_problem = _c_string(data[start + key_size:start + record_size], "record %d value" % index)
        problems.extend(p for p in (key_problem, value_problem) if p)
        if not key:
            problems.append("record %d has an empty key and was skipped" % index)
            continue
        if key in values:
            problems.append("record %d repeats key %r; the first record's value is used" % (index, key))
            continue
        values[key] = value
        keys.append(key)
    if rest:
        problems.append("%d trailing byte(s) ignored: the file is not a whole number of %d-byte records"
                        " (truncated, or written with other record sizes)" % (rest, record_size))
    return {"values": values, "keys": keys, "records": count, "problems": cap_list(problems, max_problems, "problem(s)")}


def kvp_identity(values):
    """Host and VM names from host-provided KVP values (trimmed; missing or blank -> None)."""
    values = values or {}

    def pick(pairs):
        return dict((name, _clean(values.get(key))) for name, key in pairs)

    return {"host": pick(KVP_HOST_KEYS), "vm": pick(KVP_VM_KEYS)}


def _holds(condition, signals):
    value = signals.get(condition["signal"])
    test = condition["test"]
    if test == "present":
        return bool(value)
    if test not in ("prefix", "equals"):
        raise ValueError("unknown rule test %r for signal %r" % (test, condition["signal"]))
    if not isinstance(value, str):
        return False
    value, wanted = value.strip().lower(), condition["value"].lower()
    return value.startswith(wanted) if test == "prefix" else value == wanted


def first_match(rules, signals):
    """Return (value, rule id) of the first rule whose conditions all hold, or (None, None)."""
    for rule in rules:
        if all(_holds(condition, signals) for condition in rule["when"]):
            value = signals.get(rule["use_signal"]) if rule["use_signal"] else rule["result"]
            return value, rule["id"]
    return None, None


def guest_verdict(signals, rules=None):
    """Apply the rule tables to a signals dict (keys of SIGNALS).

    Returns hypervisor, is_hyperv_guest, cloud, generation and matched (table -> id of the rule that
    decided it, or None).
    """
    unknown = sorted(set(signals) - set(SIGNALS))
    if unknown:
        raise ValueError("guest_verdict got unknown signal(s): %s" % ", ".join(unknown))
    rules = RULES if rules is None else rules
    seen = dict((name, signals.get(name)) for name in SIGNALS)
    matched = {}
    for table in RULE_ORDER:
        seen[table], matched[table] = first_match(rules[table], seen)
    return {
        "hypervisor": seen["hypervisor"],
        "is_hyperv_guest": seen["hypervisor"] == "hyperv",
        "cloud": seen["cloud"],
        "generation": seen["generation"],
        "matched": matched,
    }


def dmi_date(text):
    """DMI bios_date (MM/DD/YYYY) as an ISO date; other text is returned unchanged, empty as None."""
    if not text:
        return None
    match = _DMI_DATE_RE.match(text)
    if not match:
        return text
    month, day, year = (int(part) for part in match.groups())
    return "%04d-%02d-%02d" % (year, month, day)


def cpu_hypervisor_flag(cpuinfo):
    """True/False from the 'flags' lines of /proc/cpuinfo; None when unknown (no text, no flags line)."""
    if cpuinfo is None:
        return None
    found = None
    for line in cpuinfo.splitlines():
        name, sep, rest = line.partition(":")
        if sep and name.strip() == "flags":
            found = found or "hypervisor" in rest.split()
    return found


def loaded_modules(proc_modules):
    """Names of the loaded kernel modules in /proc/modules text, or None when it was not read."""
    if proc_modules is None:
        return None
    return set(line.split(None, 1)[0] for line in proc_modules.splitlines() if line.strip())


def container_name(markers):
    """Name the container manager from raw markers; returns (name or None, marker that decided).

    markers: systemd_container (text of /run/systemd/container), dockerenv / containerenv (whether
    /.dockerenv or /run/.containerenv exist), environ (text of /proc/1/environ, NUL-separated),
    cgroup (text of /proc/1/cgroup), osrelease (text of /proc/sys/kernel/osrelease).
    """
    text = (markers.get("systemd_container") or "").strip()
    if text:
        return text, "systemd_container"
    if markers.get("dockerenv"):
        return "docker", "dockerenv"
    if markers.get("containerenv"):
        return "podman", "containerenv"
    for item in (markers.get("environ") or "").split("\x00"):
        if item.startswith("container=") and item[len("container="):]:
            return item[len("container="):], "environ"
    for line in (markers.get("cgroup") or "").splitlines():
        path = line.split(":", 2)[-1]
        for marker, name in _CGROUP_MARKERS:
            if marker in path:
                return name, "cgroup"
    if "microsoft" in (markers.get("osrelease") or "").lower():
        return "wsl", "osrelease"
    return None, None


def firmware_type(entries):
    """'uefi' when /sys/firmware has efi, 'bios' when it lists other entries only, else None (unknown)."""
    if not entries:
        return None
    return "uefi" if "efi" in entries else "bios"


def linux_integration_services(modules, builtin, processes, processes_complete=True):
    """State of every Hyper-V kernel module and daemon.

    modules: loaded module names (None when /proc/modules was not read); builtin: names with a
    /sys/module entry; processes: /proc/<pid>/comm names (None when /proc was not read);
    processes_complete: False when other users' processes are hidden (hidepid), so a daemon that is
    not seen is 'unknown' rather than 'not_running'.
    """
    provides = {}
    for service, where in sorted(INTEGRATION_SERVICES.items()):
        for name in where["linux"]:
            provides.setdefault(name, []).append(service)
    result = {}
    for name in LINUX_MODULES:
        if modules is not None:
            state = "loaded" if name in modules else ("builtin" if name in builtin else "absent")
        else:
            state = "builtin" if name in builtin else "unknown"
        result[name] = {"type": "module", "state": state, "provides": provides.get(name, [])}
    comms = set(processes or ())
    for name, aliases in sorted(LINUX_DAEMONS.items()):
        if any(alias[:COMM_LENGTH] in comms for alias in aliases):
            state = "running"
        elif processes is None or not processes_complete:
            state = "unknown"
        else:
            state = "not_running"
        result[name] = {"type": "daemon", "state": state, "provides": provides.get(name, [])}
    return result


def _clean(text):
    """Strip a sysfs/procfs value; empty -> None."""
    if text is None:
        return None
    return text.strip() or None


def linux_signals(observed, kvp):
    """The SIGNALS dict from the raw Linux observations (see build_linux_facts) and the parsed pool."""
    dmi = observed.get("dmi") or {}
    vmbus = observed.get("vmbus_devices")
    container, _marker = container_name(observed.get("container") or {})
    return {
        "vendor": _clean(dmi.get("sys_vendor")),
        "product": _clean(dmi.get("product_name")),
        "asset_tag": _clean(dmi.get("chassis_asset_tag")),
        "bios_vendor": _clean(dmi.get("bios_vendor")),
        "bios_version": _clean(dmi.get("bios_version")),
        "firmware_type": firmware_type(observed.get("firmware_entries")),
        "vmbus_devices": None if vmbus is None else len(vmbus),
        "container": container,
        "cpu_hypervisor_flag": cpu_hypervisor_flag(observed.get("cpuinfo")),
        "kvp_host_data": bool(kvp and kvp["values"].get("HostName")),
    }


def guest_document(platform, signals, firmware, integration_services, kvp, sources, errors=None):
    """Assemble ansible_facts.hyperv_guest (the same keys on Linux and Windows)."""
    verdict = guest_verdict(signals)
    identity = kvp_identity(kvp["values"] if kvp else None)
    return {
        "is_hyperv_guest": verdict["is_hyperv_guest"],
        "hypervisor": verdict["hypervisor"],
        "cloud": verdict["cloud"],
        "generation": verdict["generation"],
        "firmware": firmware,
        "integration_services": integration_services,
        "host": identity["host"],
        "vm": identity["vm"],
        "evidence": {
            "platform": platform,
            "signals": dict((name, signals.get(name)) for name in SIGNALS),
            "matched": verdict["matched"],
            "sources": sources,
            "kvp": {
                "source": kvp["source"] if kvp else None,
                "records": kvp["records"] if kvp else 0,
                "names": list(kvp["keys"][:KVP_MAX_NAMES]) if kvp else [],
                "problems": list(kvp["problems"]) if kvp else [],
            },
            "errors": list(errors or []),
        },
    }


def build_linux_facts(observed):
    """Interpret the raw observations of the Linux module; return (facts, warnings).

    observed keys (each None/absent when the source could not be read):
      dmi: {DMI_FILES name: text}; firmware_entries: names under /sys/firmware; vmbus_devices: names
      under /sys/bus/vmbus/devices; cpuinfo, proc_modules: text; sys_module: names with a /sys/module
      entry; processes: comm names; processes_complete: bool; container: markers (container_name);
      kvp: {source: path, data: bytes, truncated: whether the file held more than KVP_MAX_BYTES} or None
      (at most KVP_MAX_BYTES of data are parsed); kvp_missing: '<pool path> (<status>)' when an explicit
      kvp_dir gave no pool;
      sources: path -> status.
    """
    raw_kvp = observed.get("kvp")
    warnings = []
    kvp = None
    if raw_kvp and raw_kvp.get("data") is not None:
        kvp = parse_kvp_pool(raw_kvp["data"][:KVP_MAX_BYTES])
        kvp["source"] = raw_kvp["source"]
        if raw_kvp.get("truncated") or len(raw_kvp["data"]) > KVP_MAX_BYTES:
            kvp["problems"].insert(0, "the file is larger than a KVP pool can be (%d records of %d bytes): only its"
                                      " first %d bytes were read" % (KVP_MAX_RECORDS, KVP_RECORD_SIZE, KVP_MAX_BYTES))
        if kvp["problems"]:
            warnings.append("KVP pool %s: %s" % (raw_kvp["source"], "; ".join(kvp["problems"])))
    if observed.get("kvp_missing"):
        warnings.append("kvp_dir holds no readable KVP pool: %s" % observed["kvp_missing"])
    dmi = observed.get("dmi") or {}
    signals = linux_signals(observed, kvp)
    firmware = {
        "vendor": signals["bios_vendor"],
        "version": signals["bios_version"],
        "date": dmi_date(_clean(dmi.get("bios_date"))),
        "type": signals["firmware_type"],
    }
    services = linux_integration_services(
        loaded_modules(observed.get("proc_modules")), set(observed.get("sys_module") or ()),
        observed.get("processes"), observed.get("processes_complete", True))
    facts = guest_document("linux", signals, firmware, services, kvp, dict(observed.get("sources") or {}))
    return facts, warnings
