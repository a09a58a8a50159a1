"""The roles at fleet scale, end to end with ansible-playbook. Run by hand, never in CI.

    python bench/bench_roles.py                          # N = 100, 1,000 and 5,000 hosts, best of 3
    python bench/bench_roles.py --sizes 1000 --reps 5 --cases bare,role_fleet
    python bench/bench_roles.py --keep /some/dir         # keep the workspace: inventories, caches, playbooks

Every case is one `ansible-playbook` process over an inventory of N Windows hosts (pointing at 127.0.0.1 port 1,
where nothing listens: no host is ever contacted) whose facts are served by a jsonfile fact cache. The cache is
made from the demo inventory's SAMPLE host facts (playbooks/inventory/demo): each host gets one of the four
samples with its own name, boot time and collection time; every 50th host is the month-behind node
(azl-node03, another UBR), so the comparison has odd hosts to name. Each host's cache entry holds what a
kernel-only run of the facts role leaves: hyperv_host and its hyperv_identity.

The cases (the comparison is the kernel profile; reports are the four formats, written to a scratch folder):

  bare          the fleet play with one task that reads each host's cached facts - Ansible's own cost of a play
                over N hosts with a fact cache, the yardstick of the role on the fleet play
  read_cache    the same play, but with every variable the facts role reads on a host (the yardstick of the
                facts role)
  filter        a localhost play: compare_hosts over hostvars, then the four report filters and a copy each
  role_local    the compare role in a localhost play (compare_hosts: groups['fleet'])
  role_fleet    the compare role applied to the fleet play, as the demo and the README do (compare_mode warn)
  fact_diff     a localhost play looping ansible.utils.fact_diff over the hosts against a reference host (the
                do-it-yourself alternative; needs ansible.utils, see --ansible-utils)
  facts_warm    the facts role on the fleet play with a warm cache (facts_refresh false, kernel facts only)

Rounds interleave the cases (bare, filter, ... then again), so the ratios printed are of figures measured in the
same run on the same machine load; each figure is the best of --reps rounds: wall time of the process and its peak
RSS (the largest process of the tree: Ansible's controller, or a worker it forked). The ratios are each case over
`bare` (facts_warm: over `read_cache`; role_local: over `filter`), with the targets of the roles:
role_fleet <= 1.5 x bare, role_local <= 1.2 x filter, facts_warm <= 1.5 x read_cache, all growing linearly.

Needs ansible-playbook next to the running interpreter (run it with the project's virtualenv). ansible.utils
(fact_diff): --ansible-utils DIR, a folder holding ansible_collections/ansible/utils (the `ansible` package on
PyPI ships it: `pip download --no-deps ansible` and unzip the wheel), or found on the running interpreter's path;
without it the fact_diff case is skipped.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(ROOT, "playbooks", "inventory", "demo", "host_vars")
SAMPLES = ("ws2025-hv01", "azl-node01", "azl-node02")
ODD_SAMPLE = "azl-node03"
ODD_EVERY = 50
KERNEL_ONLY = {"facts_vm_info": "never", "facts_cluster_info": "never", "facts_guest_facts": "never"}

HEAD = """---
- name: {name}
  hosts: {hosts}
  gather_facts: false
"""
CASES = {
    "bare": HEAD.format(name="Read every host's cached facts", hosts="fleet") + """  tasks:
    - name: Read the host's cached facts
      ansible.builtin.assert:
        that: ansible_facts.hyperv_host.collected_at is defined
        quiet: true
""",
    "read_cache": HEAD.format(name="Read what the facts role reads of every host's cache", hosts="fleet") + """  tasks:
    - name: Read the host's cached facts and identity
      ansible.builtin.assert:
        that:
          - ansible_facts.hyperv_host.collected_at is defined
          - ansible_facts.hyperv_identity.collected_at is defined
          - ansible_facts.hyperv_vms is not defined
          - ansible_facts.hyperv_cluster is not defined
          - ansible_facts.hyperv_guest is not defined
        quiet: true
""",
    "filter": HEAD.format(name="Compare the fleet with the filter and write the reports", hosts="localhost") + """  tasks:
    - name: Compare
      ansible.builtin.set_fact:
        comparison: "{{ hostvars | hyperv.azlocal.compare_hosts(groups['fleet'], profile='kernel') }}"
    - name: Write the reports
      ansible.builtin.copy:
        content: "{{ comparison | hyperv.azlocal.report_markdown }}"
        dest: "{{ report_dir }}/comparison.md"
        mode: "0644"
    - name: Write the HTML report
      ansible.builtin.copy:
        content: "{{ comparison | hyperv.azlocal.report_html }}"
        dest: "{{ report_dir }}/comparison.html"
        mode: "0644"
    - name: Write the JUnit report
      ansible.builtin.copy:
        content: "{{ comparison | hyperv.azlocal.report_junit }}"
        dest: "{{ report_dir }}/comparison-junit.xml"
        mode: "0644"
    - name: Write the JSON report
      ansible.builtin.copy:
        content: "{{ comparison | hyperv.azlocal.report_json }}"
        dest: "{{ report_dir }}/comparison.json"
        mode: "0644"
""",
    "role_local": HEAD.format(name="Compare the fleet with the role from localhost", hosts="localhost") + """  roles:
    - role: hyperv.azlocal.compare
      vars:
        compare_hosts: "{{ groups['fleet'] }}"
        compare_mode: warn
        compare_report_dir: "{{ report_dir }}"
""",
    "role_fleet": HEAD.format(name="Compare the fleet with the role applied to it", hosts="fleet") + """  roles:
    - role: hyperv.azlocal.compare
      vars:
        compare_mode: warn
        compare_report_dir: "{{ report_dir }}"
""",
    "fact_diff": HEAD.format(name="Diff every host against a reference host", hosts="localhost") + """  tasks:
    - name: Diff each host's identity against the reference
      ansible.utils.fact_diff:
        before: "{{ hostvars[groups['fleet'][1]].hyperv_identity }}"
        after: "{{ hostvars[item].hyperv_identity }}"
      loop: "{{ groups['fleet'] }}"
      register: diffs
    - name: Name the hosts that differ
      ansible.builtin.copy:
        content: "{{ diffs.results | selectattr('changed') | map(attribute='item') | list | to_json }}"
        dest: "{{ report_dir }}/fact_diff.json"
        mode: "0644"
""",
    "facts_warm": HEAD.format(name="The facts role over a warm cache", hosts="fleet") + """  vars:
{kernel_only}  roles:
    - role: hyperv.azlocal.facts
""".replace("{kernel_only}", "".join("    %s: %s\n" % item for item in KERNEL_ONLY.items())),
}
ORDER = ("bare", "read_cache", "filter", "role_local", "role_fleet", "fact_diff", "facts_warm")
YARDSTICK = {"role_local": "filter", "facts_warm": "read_cache"}
TARGETS = {"role_fleet": 1.5, "role_local": 1.2, "facts_warm": 1.5}
BASELINE_CASES = ("role_local", "role_fleet", "facts_warm")


def sample_facts():
    facts = {}
    for name in SAMPLES + (ODD_SAMPLE,):
        with open(os.path.join(DEMO, name + ".json"), encoding="utf-8") as handle:
            facts[name] = handle.read()
    return facts


def host_documents(index, name, samples):
    """(hyperv_host, hyperv_identity) of fleet host `index`: a sample with its own name and times."""
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils._identity import host_identity

    sample = ODD_SAMPLE if index % ODD_EVERY == ODD_EVERY - 1 else SAMPLES[index % len(SAMPLES)]
    facts = json.loads(samples[sample])["hyperv_demo_sample"]["hyperv_host"]
    system = facts["hardware"]["computer_system"]
    system["dns_host_name"], system["name"] = name, name.upper()
    facts["collected_at"] = "2025-07-15T09:%02d:%02d.%07dZ" % (index // 60 % 60, index % 60, index)
    facts["os_cim"]["last_boot_up_time"] = "2025-07-%02dT21:31:52.2500000Z" % (1 + index % 9)
    return facts, host_identity(facts, host=name)


def build_size(base, size, samples):
    """inventory-N/hosts.yml and cache-N/<host> (Ansible's jsonfile fact cache, one entry per host)."""
    inventory = os.path.join(base, "inventory-%d" % size)
    cache = os.path.join(base, "cache-%d" % size)
    marker = os.path.join(base, "built-%d" % size)  # the cases write to the cache too (the facts role, localhost)
    if os.path.isfile(marker) and os.path.isdir(cache):
        return inventory, cache
    shutil.rmtree(cache, ignore_errors=True)
    os.makedirs(inventory, exist_ok=True)
    os.makedirs(cache)
    names = ["node%05d" % i for i in range(size)]
    lines = ["---", "all:", "  children:", "    fleet:", "      hosts:"]
    lines += ["        %s:" % name for name in names]
    lines += ["      vars:", "        ansible_connection: winrm", "        ansible_host: 127.0.0.1",
              "        ansible_port: 1", "        ansible_user: sample", "        ansible_winrm_transport: ntlm",
              "        ansible_winrm_scheme: http"]
    with open(os.path.join(inventory, "hosts.yml"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    # through Ansible's own plugin: its file names and encoding change between ansible-core releases
    from ansible.plugins.loader import cache_loader, init_plugin_loader  # pylint: disable=import-outside-toplevel

    init_plugin_loader()
    plugin = cache_loader.get("ansible.builtin.jsonfile", _uri=cache)
    for index, name in enumerate(names):
        facts, identity = host_documents(index, name, samples)
        plugin.set(name, {"hyperv_host": facts, "hyperv_identity": identity})
    with open(marker, "w", encoding="utf-8") as handle:
        handle.write("%d hosts\n" % size)
    return inventory, cache


def find_ansible_utils(given):
    if given:
        if not os.path.isdir(os.path.join(given, "ansible_collections", "ansible", "utils")):
            sys.exit("bench_roles: %s holds no ansible_collections/ansible/utils" % given)
        return os.path.join(given, "ansible_collections", "ansible", "utils")
    try:
        from ansible_collections.ansible import utils  # pylint: disable=import-outside-toplevel
    except ImportError:
        return None
    return os.path.dirname(utils.__file__)


def workspace(base, collection, utils, name="collections"):
    colls = os.path.join(base, name, "ansible_collections")
    os.makedirs(os.path.join(colls, "hyperv"), exist_ok=True)
    link = os.path.join(colls, "hyperv", "azlocal")
    if os.path.islink(link):
        os.unlink(link)
    os.symlink(collection, link)
    if utils:
        os.makedirs(os.path.join(colls, "ansible"), exist_ok=True)
        link = os.path.join(colls, "ansible", "utils")
        if os.path.islink(link):
            os.unlink(link)
        os.symlink(utils, link)
    for case, text in CASES.items():
        with open(os.path.join(base, case + ".yml"), "w", encoding="utf-8") as handle:
            handle.write(text)
    return os.path.join(base, name)


def environment(base, collections, cache):
    env = {name: value for name, value in os.environ.items() if not name.startswith("ANSIBLE_")}
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": collections,
        "ANSIBLE_HOME": os.path.join(base, "ansible-home"),
        "ANSIBLE_LOCAL_TEMP": os.path.join(base, "ansible-tmp"),
        "ANSIBLE_CACHE_PLUGIN": "jsonfile",
        "ANSIBLE_CACHE_PLUGIN_CONNECTION": cache,
        "ANSIBLE_CACHE_PLUGIN_TIMEOUT": "0",
        "ANSIBLE_TIMEOUT": "5",
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
        "ANSIBLE_LOCALHOST_WARNING": "0",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
    })
    return env


def run_case(base, case, inventory, env, log):  # pylint: disable=too-many-arguments
    """(wall seconds, CPU seconds, peak RSS in MB, return code) of one ansible-playbook process.

    CPU is user + system time of the process and of the workers it forked and reaped (os.wait4): on a shared,
    loaded machine the steadier figure. Peak RSS is that of the largest of them.
    """
    playbook = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
    reports = os.path.join(base, "reports", case)
    os.makedirs(reports, exist_ok=True)
    cmd = [playbook, "-i", inventory, os.path.join(base, case + ".yml"), "-e", "report_dir=" + reports]
    with open(log, "w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=base)  # pylint: disable=consider-using-with
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, proc.returncode


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="comma-separated host counts")
    parser.add_argument("--reps", type=int, default=3, help="rounds; each figure is the best of them")
    parser.add_argument("--cases", default=",".join(ORDER), help="comma-separated cases (%s)" % ", ".join(ORDER))
    parser.add_argument("--keep", help="build the workspace here and keep it (default: a temporary folder)")
    parser.add_argument("--collection", default=ROOT, help="the collection to measure (default: this checkout)")
    parser.add_argument("--baseline", help="another copy of the collection (e.g. `git archive main`), whose roles run "
                        "next to this one's in the same rounds, for before/after ratios")
    parser.add_argument("--ansible-utils", help="a folder holding ansible_collections/ansible/utils")
    args = parser.parse_args(argv)
    cases = [case.strip() for case in args.cases.split(",") if case.strip()]
    unknown = sorted(set(cases) - set(ORDER))
    if unknown:
        parser.error("unknown cases: %s" % ", ".join(unknown))
    utils = find_ansible_utils(args.ansible_utils)
    if utils is None and "fact_diff" in cases:
        print("fact_diff: skipped, ansible.utils not found (give --ansible-utils DIR)")
        cases.remove("fact_diff")
    for case, base_case in YARDSTICK.items():
        if case in cases and base_case not in cases:
            cases.insert(0, base_case)
    if "bare" not in cases:
        cases.insert(0, "bare")
    cases = [case for case in ORDER if case in cases]
    base = os.path.abspath(args.keep) if args.keep else tempfile.mkdtemp(prefix="bench-roles-")
    os.makedirs(base, exist_ok=True)
    try:
        return measure(base, args, cases, utils)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


def measure(base, args, cases, utils):
    collections = {"": workspace(base, os.path.abspath(args.collection), utils)}
    if args.baseline:
        collections["@base"] = workspace(base, os.path.abspath(args.baseline), utils, "collections-base")
    sys.path.insert(0, collections[""])  # host_identity of the collection measured, to make the cached identities
    samples = sample_facts()
    sizes = [int(size) for size in args.sizes.split(",")]
    load = os.getloadavg()
    print("bench_roles: %s; %d CPUs, load average %.1f %.1f %.1f; best of %d; workspace %s"
          % (subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "--version"],
                            stdout=subprocess.PIPE, universal_newlines=True, check=False).stdout.split("\n")[0],
             os.cpu_count(), load[0], load[1], load[2], args.reps, base))
    runs = [(case, "") for case in cases]
    if args.baseline:
        print("baseline: %s (its cases are marked @base)" % os.path.abspath(args.baseline))
        runs += [(case, "@base") for case in cases if case in BASELINE_CASES]
    labels = [case + mark for case, mark in runs]
    table = {}
    failed = False
    for size in sizes:
        started = time.perf_counter()
        inventory, cache = build_size(base, size, samples)
        print("N = %d: inventory and cache ready in %.1f s" % (size, time.perf_counter() - started))
        best = {}
        for _round in range(args.reps):
            for case, mark in runs:
                label = case + mark
                env = environment(base, collections[mark], cache)
                log = os.path.join(base, "%s-%d.log" % (label, size))
                wall, cpu, rss, code = run_case(base, case, inventory, env, log)
                if code != 0:
                    failed = True
                    with open(log, encoding="utf-8") as handle:
                        tail = handle.read()[-2000:]
                    print("  %s failed (rc %d); its output ends:\n%s" % (label, code, tail))
                    continue
                old = best.get(label, (wall, cpu, rss))
                best[label] = (min(wall, old[0]), min(cpu, old[1]), max(rss, old[2]))
                print("  round %d %-16s wall %7.1f s  CPU %7.1f s  %6.0f MB  (load %.1f)"
                      % (_round + 1, label, wall, cpu, rss, os.getloadavg()[0]), flush=True)
        table[size] = best
        print_size(size, best, labels)
    print_summary(table, labels, sizes)
    return 1 if failed else 0


def ratios(best, label):
    """(wall ratio, CPU ratio, yardstick) of a case to its yardstick measured in the same rounds."""
    base_case = YARDSTICK.get(label.split("@")[0], "bare")
    if label not in best or base_case not in best:
        return float("nan"), float("nan"), base_case
    return best[label][0] / best[base_case][0], best[label][1] / best[base_case][1], base_case


def print_size(size, best, labels):
    print("N = %d: best wall time, best CPU time, highest peak RSS; ratios to the case's yardstick (wall / CPU):" % size)
    for label in labels:
        if label not in best:
            continue
        wall, cpu, base_case = ratios(best, label)
        target = None if "@" in label else TARGETS.get(label)
        print("  %-16s wall %7.1f s  CPU %7.1f s  %6.0f MB  %s%s" % (
            label, best[label][0], best[label][1], best[label][2],
            "" if label == base_case else "%.2f / %.2f x %s" % (wall, cpu, base_case),
            " (target <= %.1f)" % target if target else ""))


def print_summary(table, labels, sizes):
    print("\nSummary: wall s / CPU s / peak MB (wall / CPU ratio to the yardstick)")
    print("| case | " + " | ".join("N = %d" % size for size in sizes) + " |")
    print("| --- |" + " --- |" * len(sizes))
    for label in labels:
        cells = []
        for size in sizes:
            best = table.get(size, {})
            if label not in best:
                cells.append("-")
                continue
            wall, cpu, base_case = ratios(best, label)
            cells.append("%.1f / %.1f / %.0f%s" % (best[label][0], best[label][1], best[label][2],
                                                   "" if label == base_case else " (%.2f / %.2f)" % (wall, cpu)))
        print("| %s | %s |" % (label, " | ".join(cells)))
    print("\nLinear growth: CPU ms per host from one size to the next (flat when the cost is linear in hosts)")
    for label in labels:
        per_host = []
        for small, large in zip(sizes, sizes[1:]):
            if label in table.get(small, {}) and label in table.get(large, {}):
                per_host.append("%d->%d: %.1f" % (
                    small, large, (table[large][label][1] - table[small][label][1]) / (large - small) * 1000))
        if per_host:
            print("  %-16s %s" % (label, ", ".join(per_host)))


if __name__ == "__main__":
    sys.exit(main())
