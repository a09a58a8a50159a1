"""One module call per Hyper-V host: host_facts then vm_info (two calls) against host_facts with include_vms (one).

Run by hand, never in CI:

    python bench/bench_one_call.py                    # 3 runs on azl-node1, one fork
    python bench/bench_one_call.py --runs 5 --host ws2025-hv01

Installs the collection from its tarball (as tests/powershell/e2e/run_e2e.py does) and runs three tasks on one fake
Windows host of tests/powershell/fixtures under PowerShell 7, through ansible-playbook and the connection
bench/connection_plugins/hvazlocal_pwsh_bytes.py (the test connection hvazlocal_pwsh, logging the size of each
module payload: the bytes a WinRM or SSH connection carries to the host for the task):

* host_facts (the facts role's first call before),
* vm_info with include integration_services, network_adapters, hard_drives (its second call before),
* host_facts with include_vms and the same vm_include (the role's one call now).

Prints the payload bytes of each call and of the two ways, and each task's wall time (Ansible's junit callback:
PowerShell start, compiling Ansible.Basic, the probes, exit). Needs pwsh on PATH and the project's virtualenv.
"""
import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
E2E = os.path.join(ROOT, "tests", "powershell", "e2e")
sys.path.insert(0, E2E)

import run_e2e  # noqa: E402  pylint: disable=wrong-import-position,import-error

INCLUDE = ["integration_services", "network_adapters", "hard_drives"]
TASKS = ("host_facts", "vm_info", "host_facts include_vms")
PLAY = """---
- name: Two calls against one
  hosts: "{{ hvazl_hosts }}"
  gather_facts: false
  environment: "{{ hvazl_env }}"
  vars:
    ansible_connection: hvazlocal_pwsh_bytes
  tasks:
    - name: host_facts
      hyperv.azlocal.host_facts:
        probe_timeout: 20
    - name: vm_info
      hyperv.azlocal.vm_info:
        include: %(include)s
        probe_timeout: 20
    - name: host_facts include_vms
      hyperv.azlocal.host_facts:
        include_vms: true
        vm_include: %(include)s
        probe_timeout: 20
"""


def summary(values):
    return "median %6.2f s   min %6.2f   max %6.2f   (n=%d)" % (statistics.median(values), min(values), max(values), len(values))


def run_once(work, env, host, index):
    folder = os.path.join(work, "run%d" % index)
    junit = os.path.join(folder, "junit")
    os.makedirs(junit)
    log = os.path.join(folder, "bytes.jsonl")
    run_env = dict(env, JUNIT_OUTPUT_DIR=junit, JUNIT_HIDE_TASK_ARGUMENTS="yes", ANSIBLE_CALLBACKS_ENABLED="ansible.builtin.junit",
                   HVAZL_BYTES_LOG=log)
    extra = {"hvazl_hosts": host, "hvazl_work": work, "hvazl_fixtures_dir": run_e2e.FIXTURES, "hvazl_fakes_dir": run_e2e.FAKES,
             "hvazl_pshome": env["HVAZL_PSHOME"]}
    proc = subprocess.run(["ansible-playbook", "-i", os.path.join(E2E, "inventory.yml"), os.path.join(work, "bench.yml"),
                           "-e", json.dumps(extra)], env=run_env, capture_output=True, text=True, timeout=1800, check=False)
    if proc.returncode != 0:
        sys.exit("bench_one_call: ansible-playbook failed (rc %d):\n%s" % (proc.returncode, proc.stdout[-3000:]))
    times = {}
    for report in glob.glob(os.path.join(junit, "*.xml")):
        for case in ET.parse(report).iter("testcase"):
            task = case.get("name", "").split(": ", 1)[-1]
            if task in TASKS:
                times[task] = float(case.get("time"))
    with open(log, encoding="utf-8") as handle:
        sent = [json.loads(line) for line in handle]
    names = {("hyperv.azlocal.host_facts.ps1", False): "host_facts", ("hyperv.azlocal.vm_info.ps1", False): "vm_info",
             ("hyperv.azlocal.host_facts.ps1", True): "host_facts include_vms"}
    sizes = {}
    for entry in sent:
        script = entry["script"].replace("ansible_collections.", "").replace(".plugins.modules.", ".")
        sizes[names[(script, entry["include_vms"])]] = entry["bytes"]
    return times, sizes


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--host", default="azl-node1", choices=run_e2e.FAKE_HOSTS)
    args = parser.parse_args(argv)
    pwsh = run_e2e.find_pwsh()
    if not pwsh:
        sys.exit("bench_one_call: pwsh (PowerShell 7) is not on PATH")
    work = tempfile.mkdtemp(prefix="hvazl-onecall-")
    try:
        env = dict(os.environ)
        extra_bin = run_e2e.powershell_bin(work, pwsh)
        if extra_bin:
            env["PATH"] = extra_bin + os.pathsep + env["PATH"]
        env["HVAZL_PSHOME"] = run_e2e.pwsh_home(pwsh)
        env["ANSIBLE_COLLECTIONS_PATH"] = run_e2e.install_collection(work)
        env["ANSIBLE_COLLECTIONS_SCAN_SYS_PATH"] = "false"
        env["ANSIBLE_CONNECTION_PLUGINS"] = os.path.join(ROOT, "bench", "connection_plugins")
        env["ANSIBLE_FORKS"] = "1"
        with open(os.path.join(work, "bench.yml"), "w", encoding="utf-8") as handle:
            handle.write(PLAY % {"include": json.dumps(INCLUDE)})
        times = {task: [] for task in TASKS}
        sizes = {}
        for index in range(args.runs):
            run_times, sizes = run_once(work, env, args.host, index)
            for task in TASKS:
                times[task].append(run_times[task])
        print("hyperv.azlocal: two calls against one, under %s, fake host %s, %d runs, one fork" % (pwsh, args.host, args.runs))
        print("\nPayload sent to the host (bytes, the exec wrapper manifest with Ansible.Basic and the module):")
        for task in TASKS:
            print("  %-24s %9d" % (task, sizes[task]))
        two = sizes["host_facts"] + sizes["vm_info"]
        one = sizes["host_facts include_vms"]
        print("  %-24s %9d" % ("two calls (before)", two))
        print("  %-24s %9d   (%.0f %% less)" % ("one call (now)", one, 100.0 * (two - one) / two))
        print("\nTask wall time through ansible-playbook (Ansible's junit callback):")
        for task in TASKS:
            print("  %-24s %s" % (task, summary(times[task])))
        pairs = [a + b for a, b in zip(times["host_facts"], times["vm_info"])]
        print("  %-24s %s" % ("two calls (before)", summary(pairs)))
        print("  %-24s %s" % ("one call (now)", summary(times["host_facts include_vms"])))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
