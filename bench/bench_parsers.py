"""Benchmark of the text parsers (plugins/plugin_utils/_parsers.py). Run by hand, never in CI.

    python bench/bench_parsers.py                          # this checkout (./collections, made by pytest-ansible)
    python bench/bench_parsers.py --collections DIR        # another copy: DIR/ansible_collections/hyperv/azlocal
    python bench/bench_parsers.py --cap 10                 # stop a series once one size takes longer than 10 s

The parsers must stay linear in their input, whatever it holds. Each series doubles a pathological input up to
1 MB and prints the time per size; a linear parser doubles its time with its input, a quadratic one quadruples it.
A series stops at the first size slower than --cap seconds (its larger sizes would only take longer):

1. one line of "a@" repeated (a prompt-like pattern that once tried every split of the line),
2. one line of "Microsoft Windows [" repeated (the ver pattern),
3. "OS Version:" followed by a 1 MB value of spaces and digits,
4. a /fo csv header and one quoted row wrapped over many lines,
5. a Format-List property whose value wraps over many continuation lines (parse_computerinfo),
6. a Get-ClusterGroup table of many rows (parse_format_table).

Then the real captures of tests/unit/data/captures, each parsed as a whole (median of many runs), for the
everyday cost. Figures are wall clock, in-process, best of three per size.
"""
import argparse
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MB = 1 << 20


def _load(collections):
    if not os.path.isdir(os.path.join(collections, "ansible_collections", "hyperv", "azlocal")):
        sys.exit("bench_parsers: no ansible_collections/hyperv/azlocal under %s (run pytest once from the repository "
                 "root, or pass --collections)" % collections)
    sys.path.insert(0, collections)
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils import _parsers  # pylint: disable=import-error

    return _parsers


def _time(function, text):
    best = None
    for _attempt in range(3):
        start = time.perf_counter()
        try:
            function(text)
        except ValueError:
            pass  # pathological text is refused: the time to say so is what counts
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
        if elapsed > 2:
            break
    return best


def _series(name, function, make, cap):
    print("%s" % name)
    size, previous = 16 * 1024, None
    while size <= MB:
        text = make(size)
        elapsed = _time(function, text)
        ratio = "" if previous is None else "  x%.1f" % (elapsed / previous if previous else float("inf"))
        print("    %8d bytes  %9.4f s%s" % (len(text), elapsed, ratio))
        if elapsed > cap:
            print("    (stopped: over %s s)" % cap)
            break
        previous, size = elapsed, size * 2


def _csv(size):
    header = '"Host Name","OS Name","OS Version","Hotfix(s)"\n'
    return header + '"HV1","Microsoft Windows Server 2025","10.0.26100 N/A Build 26100","' + "\n".join(
        ["KB5060842,"] * (size // 11)) + '"\n'


def _format_list(size):
    lines = ["OsName                : Microsoft Windows Server 2025 Datacenter", "OsHotFixes            : {KB1,"]
    lines += ["                        KB5060842,"] * (size // 35)
    return "\n".join(lines) + "\n"


def _table(size):
    lines = ["Name                                         OwnerNode State", "----                                         --------- -----"]
    lines += ["vm%-43d node01    Online" % i for i in range(size // 62)]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--collections", default=os.path.join(ROOT, "collections"))
    parser.add_argument("--cap", type=float, default=10.0)
    args = parser.parse_args()
    parsers = _load(args.collections)
    print("parsers from %s" % os.path.dirname(parsers.__file__))
    _series("parse_systeminfo, one line of 'a@' repeated", parsers.parse_systeminfo, lambda n: "a@" * (n // 2), args.cap)
    _series("parse_ver, one line of 'Microsoft Windows [' repeated", parsers.parse_ver,
            lambda n: "Microsoft Windows [" * (n // 19), args.cap)
    _series("parse_systeminfo, OS Version with a long value", parsers.parse_systeminfo,
            lambda n: "Host Name: HV1\nOS Version:                " + "1 " * (n // 2) + "x\n", args.cap)
    _series("parse_systeminfo /fo csv, one row wrapped over many lines", parsers.parse_systeminfo, _csv, args.cap)
    if hasattr(parsers, "parse_computerinfo"):
        _series("parse_computerinfo, a value wrapped over many lines", parsers.parse_computerinfo, _format_list, args.cap)
        _series("parse_computerinfo, one line of 'a@' repeated", parsers.parse_computerinfo, lambda n: "a@" * (n // 2), args.cap)
    if hasattr(parsers, "parse_format_table"):
        _series("parse_format_table, a Get-ClusterGroup table", parsers.parse_format_table, _table, args.cap)

    captures = os.path.join(ROOT, "tests", "unit", "data", "captures")
    print("real captures, median of 200 runs")
    for name in sorted(os.listdir(captures)):
        function = None
        if name.startswith("systeminfo_") and "italian" not in name:
            function = parsers.parse_systeminfo
        elif name.startswith("ver_"):
            function = parsers.parse_ver
        elif name.startswith("get-computerinfo") or name.startswith("get-ciminstance"):
            function = getattr(parsers, "parse_computerinfo", None)
        elif name.startswith("get-clustergroup"):
            function = getattr(parsers, "parse_format_table", None)
        if function is None:
            continue
        with open(os.path.join(captures, name), encoding="utf-8") as handle:
            text = handle.read()
        runs = []
        for _run in range(200):
            start = time.perf_counter()
            try:
                function(text)
            except ValueError:
                pass
            runs.append(time.perf_counter() - start)
        runs.sort()
        print("    %-90s %8.1f us" % (name, runs[100] * 1e6))


if __name__ == "__main__":
    main()
