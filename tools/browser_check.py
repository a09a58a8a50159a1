"""Render the HTML comparison report in headless Chromium: it must load with no console message at all
(no script error, no blocked external asset, no injected script running) and produce a real screenshot.

Usage: browser_check.py --out DIR [--chromium PATH]

The report is built the way the demo builds it (the demo inventory's SAMPLE hosts, kernel profile) plus one
host whose values are hostile strings (`<script>`, quotes, `]]>`, control characters, a very long value), so
escaping is checked in a real browser, not only in Python. Writes DIR/comparison.html and DIR/comparison.png.
"""
import argparse
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
HOST_VARS = os.path.join(ROOT, "playbooks", "inventory", "demo", "host_vars")
HOSTILE = "<script>console.error('injected')</script>\"'&]]>\x07" + "x" * 300
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--enable-logging=stderr", "--v=0", "--window-size=1400,1000", "--hide-scrollbars"]
CONSOLE = re.compile(r":CONSOLE[:(]|Failed to load resource|Refused to|net::ERR_")


def _collection_on_path():
    collections = os.path.join(ROOT, "collections")
    link = os.path.join(collections, "ansible_collections", "hyperv", "azlocal")
    if not os.path.exists(link):
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(ROOT, link)
    sys.path.insert(0, collections)


def build_report():
    _collection_on_path()
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils._compare import compare_hosts  # pylint: disable=import-error
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils._report import render_html  # pylint: disable=import-error

    documents = {}
    for name in sorted(os.listdir(HOST_VARS)):
        with open(os.path.join(HOST_VARS, name), encoding="utf-8") as handle:
            documents[name[:-len(".json")]] = {"hyperv_host": json.load(handle)["hyperv_demo_sample"]["hyperv_host"]}
    hostile = copy.deepcopy(documents["azl-node01"])
    hostile["hyperv_host"]["os_registry"]["product_name"] = HOSTILE
    hostile["hyperv_host"]["files"][0]["file_version_raw"] = HOSTILE
    documents[HOSTILE[:40]] = hostile
    result = compare_hosts(documents, profile="kernel")
    return render_html(result, title="Kernel proof <b>sample</b> & \"hostile\" strings")


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    args = parser.parse_args(argv)
    if not args.chromium:
        print("browser: chromium not found (apt-get install chromium)")
        return 1
    os.makedirs(args.out, exist_ok=True)
    page = os.path.join(args.out, "comparison.html")
    shot = os.path.join(args.out, "comparison.png")
    with open(page, "w", encoding="utf-8") as handle:
        handle.write(build_report())
    if os.path.exists(shot):
        os.unlink(shot)
    profile = tempfile.mkdtemp(prefix="hvazl-chromium-")
    try:
        proc = subprocess.run([args.chromium] + CHROMIUM_FLAGS + ["--user-data-dir=" + profile, "--screenshot=" + shot,
                                                                  "file://" + page],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, timeout=120,
                              check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    console = [line for line in proc.stdout.splitlines() if CONSOLE.search(line)]
    problems = []
    if console:
        problems.append("the page logged to the console or requested something external:\n  " + "\n  ".join(console))
    if not os.path.exists(shot) or os.path.getsize(shot) < 20000:
        problems.append("no real screenshot (%s)" % (os.path.getsize(shot) if os.path.exists(shot) else "missing"))
    with open(shot, "rb") as handle:
        if handle.read(8) != b"\x89PNG\r\n\x1a\n":
            problems.append("the screenshot is not a PNG")
    for line in problems:
        print("browser: FAIL " + line)
    if not problems:
        print("browser: %s rendered in Chromium with no console message; screenshot %s (%d bytes)"
              % (page, shot, os.path.getsize(shot)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
