"""Run the demo the way AWX / Automation Platform run every job: through ansible-runner.

Usage: runner_check.py --installed DIR [--keep DIR]

Lays out an ansible-runner private data directory (project/ with a playbook that imports
hyperv.azlocal.demo by FQCN, inventory/ with the demo inventory, env/envvars), runs it with process isolation
off (no container), and checks what the job produced: status and return code, the per-host stats, and the
events AWX stores and shows (the kernel comparison and the proof message). Exit 1 on any mismatch.
"""
import argparse
import os
import shutil
import sys
import tempfile

import ansible_runner

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
PLAYBOOK = """---
- name: The demo, as a job
  ansible.builtin.import_playbook: hyperv.azlocal.demo
"""


def _fail(message):
    print("runner: FAIL " + message)
    return 1


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--installed", required=True, help="collections path holding the installed collection")
    parser.add_argument("--keep", help="private data directory to use and keep (default: a temporary one)")
    args = parser.parse_args(argv)
    data_dir = args.keep or tempfile.mkdtemp(prefix="hvazl-runner-")
    try:
        os.makedirs(os.path.join(data_dir, "project"), exist_ok=True)
        with open(os.path.join(data_dir, "project", "demo_job.yml"), "w", encoding="utf-8") as handle:
            handle.write(PLAYBOOK)
        inventory = os.path.join(data_dir, "inventory")
        shutil.rmtree(inventory, ignore_errors=True)
        shutil.copytree(os.path.join(ROOT, "playbooks", "inventory", "demo"), inventory)
        reports = os.path.join(data_dir, "reports")
        envvars = {
            "ANSIBLE_COLLECTIONS_PATH": os.path.abspath(args.installed),
            "HVAZL_DEMO_OUTPUT": reports,
            "ANSIBLE_NOCOLOR": "1",
        }
        result = ansible_runner.run(private_data_dir=data_dir, playbook="demo_job.yml", envvars=envvars,
                                    process_isolation=False, quiet=True, timeout=600)
        print("runner: status=%s rc=%s in %s" % (result.status, result.rc, data_dir))
        if result.status != "successful" or result.rc != 0:
            print(result.stdout.read()[-4000:])
            return _fail("the job did not succeed")
        stats = result.stats or {}
        for host in ("ws2025-hv01", "azl-node01", "azl-node02", "azl-node03", "localhost"):
            if host not in stats.get("ok", {}):
                return _fail("host %s has no ok tasks in the job stats: %s" % (host, stats))
            if host in stats.get("dark", {}) or host in stats.get("failures", {}):
                return _fail("host %s was unreachable or failed: %s" % (host, stats))
        messages = []
        for event in result.events:
            res = (event.get("event_data") or {}).get("res") or {}
            msg = res.get("msg")
            if isinstance(msg, list) and all(isinstance(line, str) for line in msg):
                msg = "\n".join(msg)  # a table shown as a list of lines (the compare role's)
            if event.get("event") == "runner_on_ok" and isinstance(msg, str):
                messages.append(msg)
        if not any("**NOT IDENTICAL**" in m and "azl-node03" in m for m in messages):
            return _fail("no job event carries the kernel comparison naming azl-node03")
        if not any(m.startswith("Windows Server 2025 and Azure Local 26100.4349 run the same build") for m in messages):
            return _fail("no job event carries the sibling proof")
        for name in ("comparison.md", "comparison.html", "comparison-junit.xml", "comparison.json"):
            with open(os.path.join(reports, name), encoding="utf-8") as handle:
                if "SAMPLE DATA" not in handle.read():
                    return _fail("report %s does not say that the demo data is SAMPLE data" % name)
        print("runner: %d events, stats ok for 5 hosts, comparison and proof in the job events, 4 reports written"
              % len(list(result.events)))
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
