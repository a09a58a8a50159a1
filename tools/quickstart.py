"""Helpers of the quickstart gate (tools/gates.sh): the README's Quick start block, its inventory, its reports.

Usage:
  quickstart.py README.md            print the first ```bash block under '## Quick start', verbatim
  quickstart.py --inventory          print an inventory.yml with the hyperv_hosts group of the Quick start, of
                                     hosts nobody can reach (WinRM on 127.0.0.1 port 1)
  quickstart.py --check REPORTS      the four reports are there and comparison.json names both hosts missing
"""
import json
import os
import re
import sys

HOSTS = ("azl-node01.contoso.local", "ws25-hv01.contoso.local")
REPORTS = ("comparison.md", "comparison.html", "comparison-junit.xml", "comparison.json")
INVENTORY = """all:
  children:
    hyperv_hosts:
      hosts:
%s      vars:
        ansible_connection: winrm
        ansible_host: 127.0.0.1
        ansible_port: 1
        ansible_user: nobody
        ansible_password: nothing
        ansible_winrm_transport: ntlm
        ansible_winrm_scheme: http
""" % "".join("        %s:\n" % host for host in HOSTS)


def quick_start(readme):
    with open(readme, encoding="utf-8") as handle:
        text = handle.read()
    parts = re.split(r"^## Quick start[ \t]*$", text, maxsplit=1, flags=re.M)
    if len(parts) != 2:
        raise SystemExit("%s has no '## Quick start' section" % readme)
    section = re.split(r"^## ", parts[1], maxsplit=1, flags=re.M)[0]
    block = re.search(r"^```bash\n(.*?)^```", section, re.S | re.M)
    if not block:
        raise SystemExit("%s: no ```bash block under '## Quick start'" % readme)
    return block.group(1)


def check(reports):
    problems = ["%s is missing or empty" % os.path.join(reports, name) for name in REPORTS
                if not os.path.isfile(os.path.join(reports, name)) or not os.path.getsize(os.path.join(reports, name))]
    if problems:
        raise SystemExit("; ".join(problems))
    with open(os.path.join(reports, "comparison.json"), encoding="utf-8") as handle:
        report = json.load(handle)
    missing = sorted(report.get("missing_hosts") or [])
    if report.get("identical") is not False or missing != sorted(HOSTS):
        raise SystemExit("comparison.json should say not identical with %s missing; it says identical=%r, missing=%s"
                         % (", ".join(HOSTS), report.get("identical"), missing))
    print("%s: the four reports; not identical, missing %s" % (reports, ", ".join(missing)))


def main(argv):
    if argv[:1] == ["--inventory"]:
        sys.stdout.write(INVENTORY)
    elif argv[:1] == ["--check"] and len(argv) == 2:
        check(argv[1])
    elif len(argv) == 1:
        sys.stdout.write(quick_start(argv[0]))
    else:
        raise SystemExit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
