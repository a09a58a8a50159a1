# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""End to end: every PowerShell collector of hyperv.azlocal through real Ansible under PowerShell 7.

Builds the collection tarball, installs it into a scratch folder, and runs tests/powershell/e2e/collectors.yml
with ansible-playbook through the test connection hvazlocal_pwsh (Ansible's powershell shell plugin, exec
wrapper and Ansible.Basic, with PowerShell 7 on the PATH as ``PowerShell``):

* ``no-fakes``: a host with nothing Windows-shaped behind the probes. Every module must return JSON within
  90 s, its probe errors listed.
* the fake hosts of tests/powershell/fixtures: every module returns its documented keys with real values.
* ``azl-node1-hang``: a fake host whose Get-VM and Win32_Processor queries never return. host_facts and
  vm_info must still return within their probe budget, the hung probes listed as timed out.

All hosts run in one ansible-playbook, side by side, and each host runs only the modules its checks and the
chain tests read (``hvazl_modules`` in inventory.yml): every module run starts PowerShell and compiles
Ansible.Basic, which is most of the cost. Saves each host's task results under OUT/hosts/<host>.json and task
durations from Ansible's junit callback; prints one line per check and exits 1 if any fails, 77 if PowerShell 7
is missing (outside CI). Used by the pwsh-e2e gate, the chain tests and bench/bench_collectors.py.

    python tests/powershell/e2e/run_e2e.py --out DIR [--run fakes|no-fakes|hang|all]
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
FIXTURES = os.path.join(ROOT, "tests", "powershell", "fixtures")
FAKES = os.path.join(ROOT, "tests", "powershell", "fakes", "modules")
SKIP = 77
FAKE_HOSTS = ["ws2025-hv01", "azl-node1", "azl-node2-denied", "azl-node3", "ws2025-ec2-nohyperv", "ws2025-guest-web01"]
MODULE_TASKS = {
    "Host facts": "host_facts",
    "VMs (interpreted by the vm_info action plugin)": "vm_info",
    "VMs (what the collector printed)": "vm_info_raw",
    "Cluster (interpreted by the cluster_info action plugin)": "cluster_info",
    "Cluster (what the collector printed)": "cluster_info_raw",
    "Guest facts (the Windows implementation)": "guest_facts",
}
NO_FAKES_LIMIT = 90.0
# probe_timeout of the host whose probes hang (inventory.yml)
HANG_PROBE_TIMEOUT = 10


def planned_modules(host):
    """The module tasks inventory.yml has a host run (hvazl_modules; all of them when unset)."""
    with open(os.path.join(HERE, "inventory.yml"), encoding="utf-8") as handle:
        inventory = yaml.safe_load(handle)
    for group in inventory["all"]["children"].values():
        if host in (group.get("hosts") or {}):
            return list((group["hosts"][host] or {}).get("hvazl_modules") or MODULE_TASKS.values())
    raise KeyError("%s is not a host of inventory.yml" % host)


def find_pwsh():
    """The pwsh on PATH, or None."""
    return shutil.which("pwsh")


def powershell_bin(work, pwsh):
    """A folder with ``PowerShell`` (the name Ansible's shell plugin runs) and ``pwsh``, both PowerShell 7."""
    if shutil.which("PowerShell"):
        return None
    folder = os.path.join(work, "bin")
    os.makedirs(folder, exist_ok=True)
    for name in ("PowerShell", "pwsh"):
        link = os.path.join(folder, name)
        if not os.path.lexists(link):
            os.symlink(pwsh, link)
    return folder


def pwsh_home(pwsh):
    out = subprocess.run([pwsh, "-NoLogo", "-NoProfile", "-NonInteractive", "-Command", "$PSHOME"],
                         check=True, capture_output=True, text=True, timeout=300)
    return out.stdout.strip().splitlines()[-1]


def install_collection(work):
    """Build the tarball from this checkout and install it; returns the collections path."""
    build = os.path.join(work, "build")
    installed = os.path.join(work, "collections")
    shutil.rmtree(build, ignore_errors=True)
    shutil.rmtree(installed, ignore_errors=True)
    subprocess.run(["ansible-galaxy", "collection", "build", "--force", "--output-path", build, ROOT],
                   check=True, capture_output=True, text=True)
    tarball = glob.glob(os.path.join(build, "hyperv-azlocal-*.tar.gz"))[0]
    subprocess.run(["ansible-galaxy", "collection", "install", "--force", "-p", installed, tarball],
                   check=True, capture_output=True, text=True)
    return installed


def write_hang_fixture(work):
    with open(os.path.join(FIXTURES, "azl-node1.json"), encoding="utf-8") as handle:
        data = json.load(handle)
    # Relative paths in a fixture are read from the fixture's folder: this copy lives elsewhere.
    data["system_directory"] = os.path.join(FIXTURES, data["system_directory"])
    for entry in data.get("authenticode", {}).values():
        if entry.get("signer_certificate"):
            entry["signer_certificate"] = os.path.join(FIXTURES, entry["signer_certificate"])
    data["failures"] = {"Get-VM": {"kind": "hang", "seconds": 600},
                        "Get-CimInstance:Win32_Processor": {"kind": "hang", "seconds": 600}}
    with open(os.path.join(work, "azl-node1-hang.json"), "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1)


def run_playbook(name, hosts, out, work, env, task_timeout):
    """Run collectors.yml on the hosts; returns (rc, wall seconds, {(host, task): seconds})."""
    folder = os.path.join(out, name)
    junit = os.path.join(folder, "junit")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(junit)
    run_env = dict(env, JUNIT_OUTPUT_DIR=junit, JUNIT_HIDE_TASK_ARGUMENTS="yes", JUNIT_INCLUDE_SETUP_TASKS_IN_REPORT="no",
                   ANSIBLE_CALLBACKS_ENABLED="ansible.builtin.junit")
    extra = {
        "hvazl_hosts": hosts, "hvazl_out": folder, "hvazl_work": work, "hvazl_fixtures_dir": FIXTURES,
        "hvazl_fakes_dir": FAKES, "hvazl_pshome": env["HVAZL_PSHOME"], "hvazl_task_timeout": task_timeout,
    }
    command = ["ansible-playbook", "-i", os.path.join(HERE, "inventory.yml"), os.path.join(HERE, "collectors.yml"),
               "-e", json.dumps(extra), "--forks", "8"]
    start = time.monotonic()
    with open(os.path.join(folder, "ansible-playbook.log"), "w", encoding="utf-8") as log:
        proc = subprocess.run(command, env=run_env, stdout=log, stderr=subprocess.STDOUT, timeout=1800, check=False)
    wall = time.monotonic() - start
    durations = {}
    for report in glob.glob(os.path.join(junit, "*.xml")):
        for case in ET.parse(report).iter("testcase"):
            # The junit callback names a test case "[host] play name: task name".
            name_attr = case.get("name", "")
            if name_attr.startswith("[") and "] " in name_attr:
                host, rest = name_attr[1:].split("] ", 1)
                task = rest.split(": ", 1)[-1]
                durations[(host, task)] = float(case.get("time", "nan"))
    return proc.returncode, wall, durations


class Checks:
    """One line per check; remembers failures."""

    def __init__(self):
        self.failed = 0
        self.passed = 0

    def check(self, ok, what):
        print("%s %s" % ("PASS" if ok else "FAIL", what))
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        return ok


def load(folder, host):
    path = os.path.join(folder, host + ".json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def probe_errors(result):
    if "ansible_facts" in result and "hyperv_host" in result["ansible_facts"]:
        return result["ansible_facts"]["hyperv_host"].get("errors") or []
    if "ansible_facts" in result and "hyperv_guest" in result["ansible_facts"]:
        return result["ansible_facts"]["hyperv_guest"]["evidence"].get("errors") or []
    return result.get("errors") or []


def check_no_fakes(checks, out, durations):
    saved = load(out, "no-fakes")
    if not checks.check(saved is not None and sorted(saved) == sorted(planned_modules("no-fakes")),
                        "no-fakes: every planned task result saved"):
        return
    for task, key in MODULE_TASKS.items():
        if key not in saved:
            continue  # inventory.yml: hvazl_modules
        result = saved[key]
        seconds = durations.get(("no-fakes", task))
        checks.check(not result.get("failed"), "no-fakes %s: returned JSON without failing (%s)" % (key, result.get("msg", "ok")))
        checks.check(seconds is not None and seconds < NO_FAKES_LIMIT, "no-fakes %s: within %d s (%s s)" % (key, NO_FAKES_LIMIT, seconds))
        if key in ("vm_info", "cluster_info"):
            continue  # the action plugins turn probe errors into a reason; the raw results list them
        errors = probe_errors(result)
        checks.check(bool(errors) and all(e.get("probe") and e.get("message") and e.get("type") for e in errors),
                     "no-fakes %s: %d probe errors listed, each with probe, type and message" % (key, len(errors)))


def check_fakes(checks, out):
    results = {host: load(out, host) for host in FAKE_HOSTS}
    for host, saved in results.items():
        if not checks.check(saved is not None and sorted(saved) == sorted(planned_modules(host)),
                            "%s: every planned task result saved" % host):
            continue
        for key in MODULE_TASKS.values():
            if key in saved:  # inventory.yml: hvazl_modules
                checks.check(not saved[key].get("failed"), "%s %s: did not fail (%s)" % (host, key, saved[key].get("msg", "ok")))
    ws, node1, node3 = results["ws2025-hv01"], results["azl-node1"], results["azl-node3"]
    if ws and node1 and node3:
        facts = node1["host_facts"]["ansible_facts"]["hyperv_host"]
        checks.check(facts["os_cim"]["operating_system_sku"] == 406, "azl-node1 host_facts: os_cim.operating_system_sku 406")
        checks.check(facts["solution"]["current_version"] == "12.2506.1001.29", "azl-node1 host_facts: solution 12.2506.1001.29")
        checks.check(facts["vmhost"]["virtual_machine_migration_authentication_type"] == "Kerberos",
                     "azl-node1 host_facts: vmhost enum as its name")
        arb = [vm for vm in node1["vm_info"]["vms"] if vm.get("role") == "arc_resource_bridge"]
        checks.check(len(arb) == 1 and arb[0]["name"].endswith("-control-plane-0-d38498de"),
                     "azl-node1 vm_info: the resource bridge VM flagged (%s)" % [vm["name"] for vm in arb])
        raw_vms = node1["vm_info_raw"]["_raw"]["vms"]
        checks.check(len(raw_vms) == 3 and all(vm["State"] and vm["CreationTime"].endswith("Z") for vm in raw_vms),
                     "azl-node1 vm_info raw: three VMs with state names and UTC times")
        guest = results["ws2025-guest-web01"]["guest_facts"]["ansible_facts"]["hyperv_guest"]
        checks.check(guest["is_hyperv_guest"] and guest["generation"] == 2, "ws2025-guest-web01 guest_facts: Hyper-V generation 2 guest")
        denied = results["azl-node2-denied"]["vm_info_raw"]
        checks.check(any(e["probe"] == "vms" and e["type"] == "VirtualizationException" for e in denied["errors"]),
                     "azl-node2-denied vm_info raw: access denied listed as VirtualizationException")


def check_hang(checks, out, durations, probe_timeout):
    saved = load(out, "azl-node1-hang")
    if not checks.check(saved is not None and sorted(saved) == sorted(planned_modules("azl-node1-hang")),
                        "azl-node1-hang: every planned task result saved"):
        return
    # The deadline and the runner's exit watchdog (10 s) on top of what the same module took on the hosts whose
    # probes do not hang, in the same run and so under the same load (starting PowerShell and compiling
    # Ansible.Basic is most of it); a probe that kept the process alive would end at the task timeout instead,
    # as a failed task.
    for key, task, probe in (("host_facts", "Host facts", "hardware"), ("vm_info_raw", "VMs (what the collector printed)", "vms")):
        result = saved[key]
        seconds = durations.get(("azl-node1-hang", task))
        others = [value for (host, name), value in durations.items() if name == task and host != "azl-node1-hang"]
        limit = max(others or [60.0]) + probe_timeout + 30
        checks.check(not result.get("failed"), "azl-node1-hang %s: returned (%s)" % (key, result.get("msg", "ok")))
        checks.check(seconds is not None and seconds < limit,
                     "azl-node1-hang %s: within probe_timeout %d s + 30 s of the slowest other host (%s s, limit %.1f s)"
                     % (key, probe_timeout, seconds, limit))
        checks.check(any(e["probe"] == probe and e["type"] == "TimeoutException" for e in probe_errors(result)),
                     "azl-node1-hang %s: probe %s listed as timed out" % (key, probe))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--out", required=True, help="folder for results (created)")
    parser.add_argument("--run", choices=("all", "fakes", "no-fakes", "hang"), default="all")
    parser.add_argument("--work", help="scratch folder (default: a temporary one)")
    args = parser.parse_args(argv)

    pwsh = find_pwsh()
    if not pwsh:
        if os.environ.get("CI") == "true":
            print("FAIL pwsh (PowerShell 7) is required in CI: put ../shared/tools/bin first on PATH")
            return 1
        print("SKIP pwsh (PowerShell 7) is not on PATH: install PowerShell 7 (https://aka.ms/powershell) "
              "or put ../shared/tools/bin first on PATH")
        return SKIP
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    work = os.path.abspath(args.work) if args.work else tempfile.mkdtemp(prefix="hvazl-e2e-")
    os.makedirs(work, exist_ok=True)

    env = dict(os.environ)
    extra_bin = powershell_bin(work, pwsh)
    if extra_bin:
        env["PATH"] = extra_bin + os.pathsep + env["PATH"]
    env["HVAZL_PSHOME"] = pwsh_home(pwsh)
    env["ANSIBLE_COLLECTIONS_PATH"] = install_collection(work)
    env["ANSIBLE_COLLECTIONS_SCAN_SYS_PATH"] = "false"
    env.pop("HVAZLOCAL_TEST_FIXTURE", None)
    write_hang_fixture(work)

    checks = Checks()
    # One ansible-playbook for every host, so that the hosts run side by side: each module run starts PowerShell
    # and compiles Ansible.Basic, which is most of the cost.
    groups = {"all": ["no_fakes", "fake_windows"], "fakes": ["fake_windows:!azl-node1-hang"], "no-fakes": ["no_fakes"],
              "hang": ["azl-node1-hang"]}[args.run]
    rc, wall, durations = run_playbook("hosts", ":".join(groups), out, work, env, 120)
    folder = os.path.join(out, "hosts")
    timings = {"hosts": {"rc": rc, "wall_seconds": round(wall, 1),
                         "tasks": {"%s | %s" % key: value for key, value in sorted(durations.items())}}}
    print("ran %s: ansible-playbook rc %d in %.1f s (log: %s)" % (args.run, rc, wall, os.path.join(folder, "ansible-playbook.log")))
    checks.check(rc == 0, "ansible-playbook exited 0")
    if args.run in ("all", "no-fakes"):
        check_no_fakes(checks, folder, durations)
    if args.run in ("all", "fakes"):
        check_fakes(checks, folder)
    if args.run in ("all", "hang"):
        check_hang(checks, folder, durations, HANG_PROBE_TIMEOUT)
    with open(os.path.join(out, "timings.json"), "w", encoding="utf-8") as handle:
        json.dump(timings, handle, indent=1)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    print("%d passed, %d failed" % (checks.passed, checks.failed))
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
