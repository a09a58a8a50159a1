#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: guest_facts
short_description: Tell whether a machine is a Hyper-V guest, and learn its host and VM names over KVP
version_added: 0.1.0
description:
  - Sets C(ansible_facts.hyperv_guest) on Linux and Windows guests, with the same keys on both.
  - Decides whether the machine is a Hyper-V guest (and otherwise names the hypervisor or container it
    runs in), whether it is an Azure VM, and its VM generation; lists the Hyper-V integration services;
    reads the host and VM names the Hyper-V host hands the guest over KVP (data exchange).
  - On Linux it reads DMI (C(/sys/class/dmi/id)), C(/sys/bus/vmbus/devices), C(/sys/firmware),
    C(/proc/cpuinfo), C(/proc/modules), C(/sys/module), the C(comm) of every process (for C(hv_kvp_daemon),
    C(hv_vss_daemon), C(hv_fcopy_daemon)), container markers, and the KVP pool file C(.kvp_pool_3)
    (what the host sends the guest).
  - On Windows (PowerShell connections) Ansible runs the PowerShell implementation
    M(hyperv.azlocal.win_guest_facts) under this name; it reads C(Win32_ComputerSystem), C(Win32_BIOS),
    C(Win32_SystemEnclosure), the C(vmic*) services, C(PEFirmwareType) and the registry key
    C(HKLM\SOFTWARE\Microsoft\Virtual Machine\Guest\Parameters).
  - The verdict rules are one ordered table applied the same way on both platforms, see the notes.
  - Missing or unreadable sources are normal on machines that are not Hyper-V guests; they are listed in
    C(evidence.sources) and cause no warning.
options:
  kvp_dir:
    description:
      - Directory that holds the KVP pool files (C(.kvp_pool_0) ... C(.kvp_pool_4)). Only C(.kvp_pool_3) is read.
      - When not set, C(/var/lib/hyperv) (upstream C(hv_kvp_daemon)) and then C(/var/opt/hyperv) (some
        distribution packages) are tried, without a warning when neither holds a pool file.
      - When set, the module warns if the directory holds no readable C(.kvp_pool_3).
      - Linux only; a Windows guest reads the same values from the registry and warns that this option is ignored.
    type: path
  _root_dir:
    description:
      - Internal use only, for testing. Directory that stands for C(/) when reading C(/sys), C(/proc),
        C(/run), C(/.dockerenv) and the default KVP directories, so tests can use fake trees.
      - Paths in C(evidence.sources) are shown as seen from this root.
      - Linux only; ignored on Windows (with a warning).
    type: path
extends_documentation_fragment:
  - hyperv.azlocal.probe
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.facts
attributes:
  check_mode:
    support: full
  diff_mode:
    support: none
  facts:
    support: full
  platform:
    support: full
    platforms: posix, windows
notes:
  - On Linux the reads are local file reads of regular files only (symbolic links are followed). A FIFO, a
    device, a socket or a directory where a file is expected is not opened for reading and is listed in
    C(evidence.sources) as C(unreadable). Each file must be read within O(probe_timeout) seconds. The KVP
    pool is read up to the largest pool there can be, 1,024 records of 2,560 bytes (2,621,440 bytes; a larger
    file gets a warning and only its first records are used), any other file up to 4 MiB.
  - O(strict=true) fails the module where it would otherwise warn (a damaged or oversized pool file, a
    O(kvp_dir) without a readable pool file).
  - The module runs without an action plugin, so it can be listed in C(FACTS_MODULES) beside
    C(ansible.builtin.setup), for example C(ANSIBLE_FACTS_MODULES=ansible.builtin.setup,hyperv.azlocal.guest_facts).
    Set C(ansible_facts_parallel=false) then, because parallel fact gathering can kill a facts module after about five seconds.
  - "Verdict rules, first match wins. C(hypervisor): SMBIOS manufacturer starts with C(Microsoft Corporation)
    and product with C(Virtual Machine) -> C(hyperv); VMBus devices present (Linux) -> C(hyperv); SMBIOS
    manufacturer or product of VMware, VirtualBox, KVM, QEMU, Xen, Amazon EC2, Google Compute Engine,
    Parallels or bhyve -> that name; a container manager (Linux) -> its name (for example C(docker));
    the CPU hypervisor flag (Linux) -> C(unknown); otherwise C(none)."
  - "C(is_hyperv_guest) is C(hypervisor == 'hyperv'). C(cloud) is C(azure) when the chassis asset tag is
    C(7783-7084-3265-9085-8269-3286-77). C(generation) (Hyper-V guests only): firmware type UEFI -> 2,
    BIOS -> 1; otherwise a BIOS version starting with C(Hyper-V UEFI) -> 2, a BIOS vendor starting with
    C(American Megatrends) -> 1; otherwise null."
  - KVP values alone never make a machine a Hyper-V guest, because they stay behind (a pool file, a registry
    key) when a VM moves to another hypervisor; C(host) and C(vm) report them whatever the verdict.
  - Windows reports C(HypervisorPresent) also on Hyper-V hosts and with virtualization-based security, so the
    Windows implementation does not read it; its C(cpu_hypervisor_flag), C(vmbus_devices) and C(container)
    signals are null.
  - See docs/guest_facts.md in the collection for the sources of every rule.
seealso:
  - module: hyperv.azlocal.win_guest_facts
  - module: ansible.builtin.setup
author:
  - hyperv.azlocal contributors (@hyperv-azlocal)
"""

EXAMPLES = r"""
- name: Learn whether the machine is a Hyper-V guest
  hyperv.azlocal.guest_facts:

- name: Show the Hyper-V host this VM runs on
  ansible.builtin.debug:
    msg: "{{ ansible_facts.hyperv_guest.vm.name }} runs on {{ ansible_facts.hyperv_guest.host.physical_name_fqdn }}"
  when: ansible_facts.hyperv_guest.is_hyperv_guest

- name: Read the KVP pool files from a distribution-specific directory
  hyperv.azlocal.guest_facts:
    kvp_dir: /var/opt/hyperv

- name: Gather guest facts together with setup
  hosts: all
  gather_facts: true
  vars:
    ansible_facts_modules:
      - ansible.builtin.setup
      - hyperv.azlocal.guest_facts
    ansible_facts_parallel: false
  tasks:
    - name: Group the Azure VMs
      ansible.builtin.group_by:
        key: "cloud_{{ ansible_facts.hyperv_guest.cloud | default('none', true) }}"
"""

RETURN = r"""
errors:
  description:
    - One entry per Windows probe that failed or timed out, each also a warning; always empty on Linux.
    - The same list is in C(ansible_facts.hyperv_guest.evidence.errors), which also reaches hosts that gather these facts
      through C(FACTS_MODULES).
  returned: always
  type: list
  elements: dict
  sample: [{probe: enclosure, message: Access denied, type: CimException}]
  contains:
    probe:
      description: Name of the probe (C(computer_system), C(bios), C(enclosure), C(services), C(kvp), C(firmware)).
      returned: always
      type: str
      sample: enclosure
    message:
      description: What went wrong.
      returned: always
      type: str
      sample: Access denied
    type:
      description: .NET type name of the error.
      returned: always
      type: str
      sample: CimException
ansible_facts:
  description: Facts to add to C(ansible_facts).
  returned: always
  type: dict
  contains:
    hyperv_guest:
      description: What the machine tells about itself as a (possible) Hyper-V guest.
      returned: always
      type: dict
      contains:
        is_hyperv_guest:
          description: Whether the machine is a Hyper-V guest (C(hypervisor) is C(hyperv)).
          returned: always
          type: bool
          sample: true
        hypervisor:
          description:
            - What was detected, C(hyperv), another hypervisor (C(vmware), C(virtualbox), C(kvm), C(qemu),
              C(xen), C(amazon), C(google), C(parallels), C(bhyve)), a container manager (for example C(docker),
              C(podman), C(lxc), C(wsl)), C(unknown) (a hypervisor without a name) or C(none).
          returned: always
          type: str
          sample: hyperv
        cloud:
          description: C(azure) when the chassis asset tag is the Azure one, else null.
          returned: always
          type: str
          sample: azure
        generation:
          description: Hyper-V VM generation, 1 (BIOS) or 2 (UEFI), when the machine is a Hyper-V guest and it is known; else null.
          returned: always
          type: int
          sample: 2
        firmware:
          description: Firmware strings as SMBIOS reports them.
          returned: always
          type: dict
          contains:
            vendor:
              description: BIOS vendor (DMI C(bios_vendor), C(Win32_BIOS.Manufacturer)).
              returned: always
              type: str
              sample: Microsoft Corporation
            version:
              description: BIOS version (DMI C(bios_version), C(Win32_BIOS.SMBIOSBIOSVersion)).
              returned: always
              type: str
              sample: Hyper-V UEFI Release v4.1
            date:
              description: BIOS release date, ISO 8601 when it could be parsed.
              returned: always
              type: str
              sample: '2024-05-13'
            type:
              description: C(uefi), C(bios), or null when unknown.
              returned: always
              type: str
              sample: uefi
        integration_services:
          description:
            - Every Hyper-V integration component the platform has, by name.
            - Windows lists the C(vmic*) services; Linux lists the C(hv_*) kernel modules and the KVP, VSS and
              file copy daemons.
          returned: always
          type: dict
          sample:
            hv_utils: {type: module, state: loaded, provides: [heartbeat, shutdown, time_sync]}
            hv_kvp_daemon: {type: daemon, state: running, provides: [kvp]}
          contains:
            type:
              description: C(service) (Windows), C(module) or C(daemon) (Linux).
              returned: always
              type: str
              sample: module
            state:
              description:
                - Windows service state in lower case (C(running), C(stopped), ...) or C(absent).
                - Linux module C(loaded), C(builtin), C(absent) or C(unknown); daemon C(running), C(not_running)
                  or C(unknown) (for example when other users' processes are hidden from the module).
              returned: always
              type: str
              sample: running
            provides:
              description: Integration services it implements (C(heartbeat), C(shutdown), C(time_sync), C(kvp), C(vss),
                C(guest_services), C(powershell_direct), C(remote_desktop)); empty for drivers.
              returned: always
              type: list
              elements: str
              sample: [kvp]
        host:
          description: The Hyper-V host, as the host told the guest over KVP (null values when not available).
          returned: always
          type: dict
          contains:
            name:
              description: KVP C(HostName).
              returned: always
              type: str
              sample: HV-NODE01
            physical_name:
              description: KVP C(PhysicalHostName).
              returned: always
              type: str
              sample: HV-NODE01
            physical_name_fqdn:
              description: KVP C(PhysicalHostNameFullyQualified).
              returned: always
              type: str
              sample: hv-node01.contoso.local
        vm:
          description: The VM, as the host told the guest over KVP (null values when not available).
          returned: always
          type: dict
          contains:
            name:
              description: KVP C(VirtualMachineName), the VM name on the host.
              returned: always
              type: str
              sample: web01
            id:
              description: KVP C(VirtualMachineId) (written by newer hosts only).
              returned: always
              type: str
              sample: 0F3C6E2A-4B1D-4E8F-9A7C-2D5B8E1F6A90
        evidence:
          description: Which signals led to the verdict, and what was read or absent.
          returned: always
          type: dict
          contains:
            platform:
              description: C(linux) or C(windows).
              returned: always
              type: str
              sample: linux
            signals:
              description:
                - The platform-neutral observations the rules use (null when the platform cannot observe one)
                  C(vendor), C(product), C(asset_tag), C(bios_vendor), C(bios_version), C(firmware_type),
                  C(vmbus_devices), C(container), C(cpu_hypervisor_flag), C(kvp_host_data).
              returned: always
              type: dict
              sample: {vendor: Microsoft Corporation, product: Virtual Machine, asset_tag: 7783-7084-3265-9085-8269-3286-77,
                       bios_vendor: Microsoft Corporation, bios_version: Hyper-V UEFI Release v4.1, firmware_type: uefi,
                       vmbus_devices: 14, container: null, cpu_hypervisor_flag: true, kvp_host_data: true}
            matched:
              description: For C(hypervisor), C(cloud) and C(generation), the id of the rule that decided it, or null.
              returned: always
              type: dict
              sample: {hypervisor: smbios_microsoft_virtual_machine, cloud: azure_asset_tag, generation: firmware_uefi}
            sources:
              description:
                - "Every source consulted and what came of it: C(read), C(present), C(absent) or C(unreadable: <reason>)
                  (Linux for example C(not a regular file (FIFO)) or C(no data within 30 s (probe_timeout)));
                  Linux also C(read (the first <n> bytes; the file is larger)); Windows also C(failed: <reason>) for a
                  probe that failed."
              returned: always
              type: dict
              sample: {/sys/class/dmi/id/sys_vendor: read, /sys/bus/vmbus/devices: read, /proc/modules: read,
                       /var/lib/hyperv/.kvp_pool_3: read, /var/opt/hyperv/.kvp_pool_3: absent}
            kvp:
              description: The KVP source that was read.
              returned: always
              type: dict
              contains:
                source:
                  description: Pool file or registry key read, or null.
                  returned: always
                  type: str
                  sample: /var/lib/hyperv/.kvp_pool_3
                records:
                  description: Number of whole records (Linux) or values (Windows) read.
                  returned: always
                  type: int
                  sample: 5
                names:
                  description: The KVP keys present, in file order (Linux lists the first 100; C(records) counts them all).
                  returned: always
                  type: list
                  elements: str
                  sample: [HostName, PhysicalHostName, PhysicalHostNameFullyQualified, VirtualMachineId, VirtualMachineName]
                problems:
                  description:
                    - What was wrong with the pool file (larger than a pool can be, truncated, undecodable, repeated
                      keys); they are also a warning.
                    - Linux lists the first 20, then one entry that counts the rest.
                  returned: always
                  type: list
                  elements: str
                  sample: []
            errors:
              description: Probes that failed (Windows), each with C(probe), C(message) and C(type); also reported as warnings.
              returned: always
              type: list
              elements: dict
              sample: []
        collected_at:
          description:
            - When the observations were made, as UTC ISO 8601 text ending in C(Z) (the time the module ran on the
              machine). Comparisons report it for every host, and the P(hyperv.azlocal.facts#role) role uses it to
              tell fresh facts from cached ones.
          returned: always
          type: str
          sample: "2026-11-30T10:41:07.123456Z"
"""

import datetime
import errno
import os
import signal
import stat
import time
from contextlib import contextmanager

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.hyperv.azlocal.plugins.module_utils._guest import (
    DMI_FILES,
    KVP_DIRS,
    KVP_MAX_BYTES,
    KVP_POOL_FILE,
    LINUX_MODULES,
    build_linux_facts,
)

ARGUMENT_SPEC = {
    "kvp_dir": {"type": "path"},
    "_root_dir": {"type": "path"},
    "probe_timeout": {"type": "int", "default": 30},
    "strict": {"type": "bool", "default": False},
}
# Values of the proc mount option that hide other users' processes (proc(5)).
HIDEPID_OFF = ("0", "off")
# The most any other file is read: /proc/cpuinfo of a machine with hundreds of CPUs stays far below it.
MAX_FILE_BYTES = 4 * 1024 * 1024
_CHUNK = 64 * 1024
_NOT_REGULAR = ((stat.S_ISFIFO, "FIFO"), (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
                (stat.S_ISSOCK, "socket"))
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class ReadRefused(OSError):
    """A file that is not read: not a regular file, or no data within the time limit."""


def _check_regular(mode):
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
    for test, kind in _NOT_REGULAR:
        if test(mode):
            raise ReadRefused(errno.EINVAL, "not a regular file (%s)" % kind)
    if not stat.S_ISREG(mode):
        raise ReadRefused(errno.EINVAL, "not a regular file")


@contextmanager
def _time_limit(seconds):
    """Interrupt a blocked read after `seconds` with SIGALRM (main thread only; elsewhere the chunk deadline)."""

    def expired(signum, frame):
        raise ReadRefused(errno.ETIMEDOUT, "no data within %s s (probe_timeout)" % seconds)

    try:
        previous = signal.signal(signal.SIGALRM, expired)
    except (AttributeError, ValueError):  # no SIGALRM on this platform, or not the main thread
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_regular(path, limit, timeout):
    """At most `limit` bytes of a regular file (symlinks followed) within `timeout` seconds.

    Returns (data, truncated). A FIFO, device, socket or directory is refused before it is opened (and
    again on the open descriptor, should the path change in between), so nothing can block or stream
    without end; a read that takes longer than `timeout` raises ReadRefused.
    """
    _check_regular(os.stat(path).st_mode)
    deadline = time.monotonic() + timeout
    chunks, total = [], 0
    with _time_limit(timeout):
        descriptor = os.open(path, _OPEN_FLAGS)
        try:
            _check_regular(os.fstat(descriptor).st_mode)
            while total <= limit:
                if time.monotonic() > deadline:
                    raise ReadRefused(errno.ETIMEDOUT, "not read within %s s (probe_timeout)" % timeout)
                chunk = os.read(descriptor, min(_CHUNK, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
        finally:
            os.close(descriptor)
    data = b"".join(chunks)
    return data[:limit], total > limit


class Reader:
    """Reads files below a root and records what came of each read in `sources` (path as seen from root).

    Only regular files are read, each at most `limit` bytes (MAX_FILE_BYTES unless given) and within
    `timeout` seconds.
    """

    def __init__(self, root, timeout=30):
        self.root = root
        self.timeout = timeout
        self.sources = {}
        self.truncated = set()

    def real(self, path):
        return os.path.join(self.root, path.lstrip("/"))

    def _attempt(self, path, action, record):
        """Run action(); None when it fails, and the outcome in sources (unless record is false)."""
        try:
            value = action()
        except (FileNotFoundError, NotADirectoryError):
            status, value = "absent", None
        except OSError as exc:
            status, value = "unreadable: %s" % (exc.strerror or exc), None
        else:
            status = "read"
        if record:
            self.sources[path] = status
        return value

    def read(self, path, record=True, real=None, limit=MAX_FILE_BYTES):
        """Bytes of a regular file (at most `limit`), or None (absent, unreadable or refused)."""

        def action():
            data, truncated = read_regular(real or self.real(path), limit, self.timeout)
            if truncated:
                self.truncated.add(path)
            return data

        value = self._attempt(path, action, record)
        if record and path in self.truncated:
            self.sources[path] = "read (the first %d bytes; the file is larger)" % limit
        return value

    def text(self, path, record=True):
        data = self.read(path, record)
        return None if data is None else data.decode("utf-8", "replace")

    def listdir(self, path, record=True):
        """Sorted names in a directory, or None (absent or unreadable)."""
        return self._attempt(path, lambda: sorted(os.listdir(self.real(path))), record)

    def exists(self, path):
        present = os.path.lexists(self.real(path))
        self.sources[path] = "present" if present else "absent"
        return present


def _processes(reader):
    """comm of every process, and whether the list is complete (proc mounted with hidepid hides others')."""
    pids = [name for name in (reader.listdir("/proc", record=False) or []) if name.isdigit()]
    if not pids:
        reader.sources["/proc/<pid>/comm"] = "absent"
        return None, True
    comms = []
    for pid in pids:
        data = reader.read("/proc/%s/comm" % pid, record=False)
        if data is not None:  # a process may end between listdir and read
            comms.append(data.decode("utf-8", "replace").strip())
    hidden = False
    for line in (reader.text("/proc/mounts") or "").splitlines():
        fields = line.split()
        if len(fields) >= 4 and fields[1] == "/proc" and fields[2] == "proc":
            options = dict(option.partition("=")[::2] for option in fields[3].split(","))
            hidden = options.get("hidepid", "0") not in HIDEPID_OFF
    complete = not hidden or os.geteuid() == 0
    reader.sources["/proc/<pid>/comm"] = "read" if complete else "read (hidepid: other users' processes hidden)"
    return comms, complete


def _kvp(reader, kvp_dir):
    """Find and read .kvp_pool_3: returns ({source, data} or None, '<pool> (<status>)' when kvp_dir gave none)."""
    if kvp_dir:
        shown = os.path.join(kvp_dir, KVP_POOL_FILE)
        data = reader.read(shown, real=shown, limit=KVP_MAX_BYTES)
        if data is None:
            return None, "%s (%s)" % (shown, reader.sources[shown])
        return {"source": shown, "data": data, "truncated": shown in reader.truncated}, None
    for directory in KVP_DIRS:
        shown = os.path.join(directory, KVP_POOL_FILE)
        data = reader.read(shown, limit=KVP_MAX_BYTES)
        if data is not None:
            return {"source": shown, "data": data, "truncated": shown in reader.truncated}, None
    return None, None


def collect(root="/", kvp_dir=None, timeout=30):
    """Read every raw observation build_linux_facts interprets (each file within `timeout` seconds)."""
    reader = Reader(root, timeout)
    dmi = {}
    if reader.listdir("/sys/class/dmi/id") is not None:
        dmi = dict((name, reader.text("/sys/class/dmi/id/" + name)) for name in DMI_FILES)
    observed = {
        "dmi": dmi,
        "firmware_entries": reader.listdir("/sys/firmware"),
        "vmbus_devices": reader.listdir("/sys/bus/vmbus/devices"),
        "cpuinfo": reader.text("/proc/cpuinfo"),
        "proc_modules": reader.text("/proc/modules"),
        "sys_module": [name for name in LINUX_MODULES if os.path.isdir(reader.real("/sys/module/" + name))],
        "container": {
            "systemd_container": reader.text("/run/systemd/container"),
            "dockerenv": reader.exists("/.dockerenv"),
            "containerenv": reader.exists("/run/.containerenv"),
            "environ": reader.text("/proc/1/environ"),
            "cgroup": reader.text("/proc/1/cgroup"),
            "osrelease": reader.text("/proc/sys/kernel/osrelease"),
        },
    }
    observed["processes"], observed["processes_complete"] = _processes(reader)
    observed["kvp"], observed["kvp_missing"] = _kvp(reader, kvp_dir)
    observed["sources"] = reader.sources
    return observed


def utc_now():
    """The current time as UTC ISO 8601 text ending in Z (the collectors' collected_at)."""
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def main():
    module = AnsibleModule(argument_spec=ARGUMENT_SPEC, supports_check_mode=True)
    if module.params["probe_timeout"] < 1:
        module.fail_json(msg="probe_timeout must be at least 1 (second), got %d" % module.params["probe_timeout"])
    collected_at = utc_now()
    observed = collect(module.params["_root_dir"] or "/", module.params["kvp_dir"], module.params["probe_timeout"])
    facts, warnings = build_linux_facts(observed)
    facts["collected_at"] = collected_at
    if warnings and module.params["strict"]:
        module.fail_json(msg="strict is set: " + "; ".join(warnings))
    for warning in warnings:
        module.warn(warning)
    module.exit_json(changed=False, ansible_facts={"hyperv_guest": facts}, errors=facts["evidence"]["errors"])


if __name__ == "__main__":
    main()
