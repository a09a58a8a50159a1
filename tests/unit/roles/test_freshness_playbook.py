"""The facts and compare roles end to end, as ansible-playbook runs them: a jsonfile fact cache warmed with the demo
inventory's SAMPLE facts, then a refresh while every host is unreachable (the demo hosts point at 127.0.0.1 port 1).

Cached facts must never pass for fresh ones: the comparison is not identical and names every host as unreachable,
with the time of the cached facts it did not use, in the console and in all four reports - unless facts_max_age
allows the cached facts, and then the comparison says it used them. Options are given with -e, as strings.
"""
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from ..contract import ROOT

HOSTS = ["azl-node01", "azl-node02", "azl-node03"]
# What the kernel proof needs (as playbooks/prove_kernel.yml gathers it): the host facts only.
KERNEL_ONLY = """
  vars:
    facts_vm_info: never
    facts_cluster_info: never
    facts_guest_facts: never
"""
WARM = """---
- name: Warm the fact cache with the SAMPLE facts (what an earlier facts run would have left)
  hosts: azure_local
  gather_facts: false""" + KERNEL_ONLY + """  tasks:
    - name: Cache the sample host facts and their identity, as the facts role leaves them
      ansible.builtin.set_fact:
        hyperv_host: "{{ hyperv_demo_sample.hyperv_host }}"
        hyperv_identity: "{{ hyperv_demo_sample.hyperv_host | hyperv.azlocal.host_identity(inventory_hostname) }}"
        cacheable: true
"""
REFRESH = """---
- name: Refresh and compare
  hosts: azure_local
  gather_facts: false""" + KERNEL_ONLY + """  roles:
    - role: hyperv.azlocal.facts
    - role: hyperv.azlocal.compare
      vars:
        compare_profile: kernel
        compare_report_dir: "{{ report_dir }}"
"""


def _cached_collected_at():
    times = {}
    for host in HOSTS:
        with open(os.path.join(ROOT, "playbooks", "inventory", "demo", "host_vars", host + ".json"), encoding="utf-8") as handle:
            times[host] = json.load(handle)["hyperv_demo_sample"]["hyperv_host"]["collected_at"]
    return times


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A scratch folder with the collection on its collections path, the demo inventory and a jsonfile cache."""
    base = tmp_path_factory.mktemp("freshness")
    link = base / "collections" / "ansible_collections" / "hyperv" / "azlocal"
    link.parent.mkdir(parents=True)
    link.symlink_to(ROOT, target_is_directory=True)
    shutil.copytree(os.path.join(ROOT, "playbooks", "inventory", "demo"), str(base / "inventory"))
    (base / "warm.yml").write_text(WARM, encoding="utf-8")
    (base / "refresh.yml").write_text(REFRESH, encoding="utf-8")
    env = dict(os.environ)
    for name in list(env):
        if name.startswith("ANSIBLE_"):
            del env[name]
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": str(base / "collections"),
        "ANSIBLE_HOME": str(base / "ansible-home"),
        "ANSIBLE_LOCAL_TEMP": str(base / "ansible-tmp"),
        "ANSIBLE_CACHE_PLUGIN": "jsonfile",
        "ANSIBLE_CACHE_PLUGIN_CONNECTION": str(base / "fact-cache"),
        "ANSIBLE_CACHE_PLUGIN_TIMEOUT": "0",
        "ANSIBLE_TIMEOUT": "5",
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_FORCE_COLOR": "0",
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
    })
    playbook = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")

    def run(name, *extra):
        proc = subprocess.run([playbook, "-i", str(base / "inventory"), str(base / name)] + list(extra),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, env=env,
                              cwd=str(base), timeout=600, check=False)
        return proc.returncode, proc.stdout

    rc, out = run("warm.yml")
    assert rc == 0, out[-3000:]
    return base, run


def _reports(folder):
    found = {}
    for name in ("comparison.md", "comparison.html", "comparison-junit.xml", "comparison.json"):
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            found[name] = handle.read()
    return found


def test_the_cache_holds_the_sample_facts(workspace):
    """One jsonfile cache entry per host (its file name and encoding are Ansible's), holding the sample's time."""
    base, _run = workspace
    times = _cached_collected_at()
    entries = os.listdir(str(base / "fact-cache"))
    for host in HOSTS:
        named = [name for name in entries if name.endswith(host)]
        assert len(named) == 1, entries
        with open(str(base / "fact-cache" / named[0]), encoding="utf-8") as handle:
            text = handle.read()
        assert times[host] in text and "hyperv_identity" in text


def test_refreshing_unreachable_hosts_over_a_warm_cache_is_never_identical(workspace):
    base, run = workspace
    reports = base / "reports-unreachable"
    reports.mkdir()
    # a report of an earlier run must not survive looking current
    (reports / "comparison.md").write_text("# Host comparison\n\n**IDENTICAL**: from an earlier run\n", encoding="utf-8")
    rc, out = run("refresh.yml", "-e", "report_dir=%s" % reports, "-e", "facts_refresh=true",
                  "-e", "compare_allow_missing=true", "-e", "compare_hosts=%s" % ",".join(HOSTS))
    assert rc == 2, out[-3000:]  # compare_mode fail: the assertion fails the play
    # the failure leads with the verdict (no failed_when expression, no comparison dumped as JSON)
    verdict = out.split("Fail unless the hosts are identical")[1]
    assert "[ERROR]: Task failed: Action failed: NOT IDENTICAL: no host has data to compare." in verdict
    assert "failed_when" not in out
    times = _cached_collected_at()
    reasons = {host: "unreachable; cached facts from %s not used" % times[host] for host in HOSTS}
    # the console: the connection errors, and the comparison naming every host with the time of its unused facts
    assert out.count("UNREACHABLE!") >= len(HOSTS)
    assert "NOT IDENTICAL: no host has data to compare." in out
    for host, reason in reasons.items():
        assert "%s: %s" % (host, reason) in out, host
    before = out.split("Fail unless the hosts are identical")[0]
    assert "FAILED!" not in before  # the hosts stayed in the play: nothing failed before the assertion
    assert before.count("...ignoring") >= len(HOSTS)
    found = _reports(str(reports))
    # Markdown
    markdown = found["comparison.md"]
    assert "from an earlier run" not in markdown
    assert "**NOT IDENTICAL**: no host has data to compare. Missing hosts (allowed):" in markdown
    assert markdown.count("| **NO DATA** |") == 18
    for host, reason in reasons.items():
        assert "- %s: %s" % (host, reason) in markdown
    # HTML
    html = found["comparison.html"]
    assert '<span class="verdict bad">NOT IDENTICAL</span>' in html
    assert 'class="st-identical"' not in html and 'class="v same"' not in html
    for host, reason in reasons.items():
        assert "<li>%s: %s" % (host, reason) in html
    # JUnit: every field and the hosts test case fail
    suite = ET.fromstring(found["comparison-junit.xml"].encode("utf-8")).find("testsuite")
    assert suite.get("failures") == suite.get("tests") == "19"  # 18 fields of the kernel profile, and the hosts
    hosts_case = suite.findall("testcase")[-1]
    assert hosts_case.find("failure").get("type") == "too_few_hosts"
    for host, reason in reasons.items():
        assert "%s: %s" % (host, reason) in hosts_case.find("failure").text
    # JSON
    document = json.loads(found["comparison.json"])
    assert document["identical"] is False and document["hosts"] == []
    assert document["missing_hosts"] == HOSTS
    for host, reason in reasons.items():
        assert document["missing_reasons"][host].startswith(reason + ": "), document["missing_reasons"][host]
    assert {entry["status"] for entry in document["fields"].values()} == {"no_data"}
    assert document["allow_missing"] is True  # -e compare_allow_missing=true arrived as a boolean


def test_max_age_lets_recent_enough_cached_facts_be_compared_and_says_so(workspace):
    base, run = workspace
    reports = base / "reports-max-age"
    ten_years = str(10 * 366 * 24 * 3600)
    rc, out = run("refresh.yml", "-e", "report_dir=%s" % reports, "-e", "facts_refresh=true",
                  "-e", "facts_max_age=%s" % ten_years, "-e", "compare_mode=report")
    assert rc == 0, out[-3000:]
    document = json.loads(_reports(str(reports))["comparison.json"])
    times = _cached_collected_at()
    assert document["hosts"] == HOSTS and document["missing_hosts"] == []
    assert document["observed_at"] == times
    for host in HOSTS:
        assert document["notes"][host] == "unreachable; cached facts from %s used (at most facts_max_age %s s old)" % (
            times[host], ten_years)
    assert document["fields"]["ubr"]["odd_hosts"] == ["azl-node03"]  # the month-behind node, from the cache
    assert "unreachable; cached facts from %s used" % times["azl-node01"] in out
