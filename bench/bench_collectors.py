"""Wall time of each PowerShell collector under PowerShell 7 with the fake Windows hosts, through ansible-playbook.

Run by hand, never in CI:

    python bench/bench_collectors.py                  # 5 runs on azl-node1, one fork
    python bench/bench_collectors.py --runs 9 --host ws2025-hv01

Installs the collection from its tarball (as tests/powershell/e2e/run_e2e.py does) and runs
tests/powershell/e2e/collectors.yml RUNS times on one fake host with one fork, so the modules run one after
another. Each task's wall time is Ansible's own (the junit callback): from the task start on the controller to
its result, so it covers the whole PowerShell process (start, compiling Ansible.Basic, the probes, exit).
Prints per module the median, min and max, and the module's own `duration` / `durations` (the probes alone),
plus the same for the Pester harness (one pwsh process, Ansible.Basic compiled once: what a module costs
without process start and compilation). Needs pwsh on PATH and the project's virtualenv.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "powershell", "e2e"))

import run_e2e  # noqa: E402  pylint: disable=wrong-import-position,import-error

HARNESS = r"""
$ErrorActionPreference = 'Stop'
Import-Module -Name '%(root)s/tests/powershell/TestHelpers/HvAzLocalTest.psm1'
$watch = [System.Diagnostics.Stopwatch]::StartNew()
Initialize-HvAzLocalAnsibleBasic
$compile = $watch.Elapsed.TotalSeconds
$times = [ordered]@{ compile_ansible_basic = @($compile) }
foreach ($name in 'host_facts', 'vm_info', 'cluster_info', 'win_guest_facts') {
    $times[$name] = @(foreach ($run in 1..%(runs)d) {
        (Invoke-HvAzLocalCollector -Name $name -Fixture '%(host)s').Seconds
    })
}
$times | ConvertTo-Json -Compress
"""


def summary(values):
    values = [v for v in values if v is not None]
    if not values:
        return "not reported"
    return "median %6.2f s   min %6.2f   max %6.2f   (n=%d)" % (statistics.median(values), min(values), max(values), len(values))


def own_duration(result):
    facts = result.get("ansible_facts") or {}
    if "hyperv_host" in facts:
        return facts["hyperv_host"].get("duration")
    durations = result.get("durations")
    if isinstance(durations, dict) and durations:
        return max(durations.values())
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--host", default="azl-node1", choices=run_e2e.FAKE_HOSTS)
    parser.add_argument("--skip-harness", action="store_true", help="only the ansible-playbook figures")
    args = parser.parse_args(argv)
    pwsh = run_e2e.find_pwsh()
    if not pwsh:
        sys.exit("bench_collectors: pwsh (PowerShell 7) is not on PATH")

    work = tempfile.mkdtemp(prefix="hvazl-bench-")
    try:
        env = dict(os.environ)
        extra_bin = run_e2e.powershell_bin(work, pwsh)
        if extra_bin:
            env["PATH"] = extra_bin + os.pathsep + env["PATH"]
        env["HVAZL_PSHOME"] = run_e2e.pwsh_home(pwsh)
        env["ANSIBLE_COLLECTIONS_PATH"] = run_e2e.install_collection(work)
        env["ANSIBLE_COLLECTIONS_SCAN_SYS_PATH"] = "false"
        env["ANSIBLE_FORKS"] = "1"
        run_e2e.write_hang_fixture(work)
        tasks = {name: [] for name in run_e2e.MODULE_TASKS.values()}
        own = {name: [] for name in run_e2e.MODULE_TASKS.values()}
        plays = []
        for run in range(args.runs):
            out = os.path.join(work, "out%d" % run)
            rc, wall, durations = run_e2e.run_playbook("bench", args.host, out, work, env, 300)
            if rc != 0:
                sys.exit("bench_collectors: ansible-playbook failed (rc %d), see %s" % (rc, os.path.join(out, "bench", "ansible-playbook.log")))
            plays.append(wall)
            with open(os.path.join(out, "bench", args.host + ".json"), encoding="utf-8") as handle:
                saved = json.load(handle)
            for task, name in run_e2e.MODULE_TASKS.items():
                tasks[name].append(durations.get((args.host, task)))
                own[name].append(own_duration(saved[name]))

        print("hyperv.azlocal collectors under %s, fake host %s, %d runs, one fork" % (pwsh, args.host, args.runs))
        print("\nThrough ansible-playbook (task wall time, Ansible's junit callback):")
        for name in run_e2e.MODULE_TASKS.values():
            print("  %-18s %s" % (name, summary(tasks[name])))
        print("  %-18s %s" % ("whole play", summary(plays)))
        print("\nThe module's own probe time (duration / slowest probe), same runs:")
        for name in run_e2e.MODULE_TASKS.values():
            print("  %-18s %s" % (name, summary(own[name])))

        if not args.skip_harness:
            script = os.path.join(work, "harness.ps1")
            with open(script, "w", encoding="utf-8") as handle:
                handle.write(HARNESS % {"root": ROOT, "runs": args.runs, "host": args.host})
            proc = subprocess.run([pwsh, "-NoLogo", "-NoProfile", "-NonInteractive", "-File", script], env=env,
                                  capture_output=True, text=True, check=False, timeout=3600)
            if proc.returncode != 0:
                sys.exit("bench_collectors: the Pester harness failed:\n%s%s" % (proc.stdout[-3000:], proc.stderr[-3000:]))
            harness = json.loads(proc.stdout.strip().splitlines()[-1])
            print("\nIn one pwsh process (tests/powershell harness: Ansible.Basic compiled once, no process start):")
            for name, values in harness.items():
                print("  %-22s %s" % (name, summary(values if isinstance(values, list) else [values])))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
