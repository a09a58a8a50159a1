"""Benchmark of hyperv.azlocal.compare_hosts (plugins/plugin_utils/_compare.py). Run by hand, never in CI.

    python bench/bench_compare.py                 # engine scaling, memory, and fact_diff if available
    python bench/bench_compare.py --no-fact-diff
    python bench/bench_compare.py --job kernel --reps 40 [--without SHORTCUT]   # one job, to time whole processes

What it measures, on synthetic host-identity-shaped documents (100 fields: nested dicts three levels deep,
strings, numbers, booleans, 64-character hashes, lists; 90 fields equal on every host, 10 fields where 2 % of
the hosts drifted, one of them also missing on 1 % of the hosts):

1. compare_hosts on 100, 1,000 and 10,000 hosts x 100 fields, in-process: best wall time of several runs and the
   cost per host x field (linear means that cost stays flat).
2. Peak memory of 10,000 hosts x 100 fields, in a fresh process: the whole process (inputs included, from
   ru_maxrss) and the comparison's own allocations (tracemalloc).
3. Side by side with ansible.utils.fact_diff doing the same job pairwise: each host's document diffed against a
   reference host's (N - 1 calls of the filter function, the fewest any pairwise approach needs, without Jinja
   around it), against compare_hosts with that reference host as baseline. The odd hosts and fields are then
   read out of the diff text, timed apart and left out of the speed-up, and both verdicts are checked to be the
   same. Needs the `ansible` package (which ships ansible.utils): run it with an interpreter that has it, e.g. a
   separate virtualenv created with `pip install ansible jmespath`.

3b. The mission's own job the same way: the kernel profile's 18 fields on interpreted identities (the
   host_facts samples through host_identity), fact_diff given each host's 18 values, compare_hosts the
   identity documents.
4. The kernel proof as a playbook runs it: 1,000 hosts whose raw hyperv_host facts (the samples in
   tests/unit/data/host_facts) are interpreted by host_identity inside compare_hosts, profile kernel.
5. The floor for the result compare_hosts must return, for an engine in pure Python that reads the compared
   values into columns, on the documents of 3: reading the 100 columns with C-level dict.get passes, one
   C-level equality pass per column and one `values` dict host -> value per field (dict.fromkeys), nothing
   else. It says what speed-up over fact_diff is within reach for such an engine without native code.
6. What each shortcut of the one evaluation path buys: the engine run as it is, and with one shortcut taken out
   at a time (its source line replaced, in this process only) - column reading of dotted paths, flat lists keyed
   without a call per item, the all-agree shortcut, and plain scalar columns grouped by their own values instead
   of value_key - on the documents of 1 and on the kernel profile over identities of the host_facts samples,
   1,000 hosts each. On a shared machine, time whole processes pair by pair instead:
       python bench/bench_compare.py --job fields --reps 10 [--without all-agree]   (and --reps 0 for the fixed cost)

Times are the best of several runs, as wall time and as CPU time of this process (time.process_time): on a
shared machine the CPU time is the steadier figure.

Paths: run from the repository root; ./collections (created by pytest-ansible) or the tree itself provides
ansible_collections.hyperv.azlocal.
"""
import argparse
import ast
import gc
import json
import os
import random
import resource
import subprocess
import sys
import time
import tracemalloc
from itertools import repeat

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLLECTIONS = os.path.join(ROOT, "collections")
if not os.path.isdir(os.path.join(COLLECTIONS, "ansible_collections", "hyperv", "azlocal")):
    sys.exit("bench_compare: run pytest once from the repository root so ./collections links the collection")
sys.path.insert(0, COLLECTIONS)

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._compare import compare_hosts  # noqa: E402

FIELDS = 100
SECTIONS = ("kernel", "hypervisor", "os", "hyperv", "cluster")


def field_paths():
    """100 dotted paths: 10 top-level, then 90 spread over nested sections two and three levels deep."""
    paths = ["top%d" % i for i in range(10)]
    for i in range(90):
        section = SECTIONS[i % len(SECTIONS)]
        paths.append("%s.%s" % (section, "k%d" % i) if i % 3 else "%s.sub.k%d" % (section, i))
    return paths


def value_for(index):
    kind = index % 5
    if kind == 0:
        return "10.0.26100.%d" % (4000 + index)
    if kind == 1:
        return "%064X" % (index * 7919)
    if kind == 2:
        return 26100 + index
    if kind == 3:
        return index % 2 == 0
    return ["8.0", "9.0", "10.0", "11.0", "12.0"][: 1 + index % 5]


def make_documents(hosts, seed=7):
    rnd = random.Random(seed)
    paths = field_paths()
    drifting = set(range(0, FIELDS, 10))  # 10 fields drift
    docs = {}
    for h in range(hosts):
        doc = {}
        for index, path in enumerate(paths):
            value = value_for(index)
            if index in drifting:
                roll = rnd.random()
                if roll < 0.02:
                    value = value_for(index + 1)
                elif index == 0 and roll < 0.03:
                    continue  # missing on about 1 % of the hosts
            node = doc
            parts = path.split(".")
            for part in parts[:-1]:
                node = node.setdefault(part, {})
            node[parts[-1]] = value
        docs["node%05d" % h] = doc
    return docs, {"f%02d" % i: p for i, p in enumerate(paths)}


def best_of(runs, func):
    """(best wall seconds, best CPU seconds, last result) over `runs` calls."""
    walls, cpus = [], []
    result = None
    for _run in range(runs):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        result = func()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return min(walls), min(cpus), result


def bench_scaling():
    print("1. compare_hosts, in-process (best of N runs)")
    print("   %8s %7s %10s %10s %18s" % ("hosts", "fields", "wall", "CPU", "CPU per host x field"))
    rows = []
    for hosts, runs in ((100, 30), (1000, 15), (10000, 5)):
        docs, fields = make_documents(hosts)
        wall, cpu, result = best_of(runs, lambda: compare_hosts(docs, fields=fields))
        per_cell = cpu / (hosts * FIELDS) * 1e9
        rows.append((hosts, cpu, per_cell))
        print("   %8d %7d %7.1f ms %7.1f ms %15.0f ns   %s"
              % (hosts, FIELDS, wall * 1000, cpu * 1000, per_cell, result["summary"][:40] + "..."))
    base = rows[0][2]
    print("   CPU per host x field relative to 100 hosts: %s"
          % ", ".join("%d hosts %.2fx" % (h, c / base) for h, _cpu, c in rows))
    return rows


def memory_child(hosts):
    docs, fields = make_documents(hosts)
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    result = compare_hosts(docs, fields=fields)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"hosts": hosts, "rss_before_mb": before / 1024, "rss_peak_mb": after / 1024,
                      "compare_peak_mb": peak / 2 ** 20, "identical": result["identical"]}))


def bench_memory(hosts=10000):
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--memory-child", str(hosts)],
                         check=True, stdout=subprocess.PIPE, universal_newlines=True).stdout
    data = json.loads(out.strip().splitlines()[-1])
    print("2. peak memory, %d hosts x %d fields (fresh process)" % (hosts, FIELDS))
    print("   process peak RSS %.0f MB (%.0f MB already before the comparison, building the inputs); the "
          "comparison's own peak allocation %.0f MB (tracemalloc)"
          % (data["rss_peak_mb"], data["rss_before_mb"], data["compare_peak_mb"]))
    return data


def _fact_diff_filter():
    try:
        from ansible_collections.ansible.utils.plugins.filter.fact_diff import _fact_diff
    except ImportError:
        return None
    return _fact_diff


def _fields_in_diff(lines, labels):
    """Field labels touched by a unified diff of two JSON documents (fact_diff shows the whole documents).

    The indentation (4 spaces per level) gives each line's path; a changed line marks the field whose path is a
    prefix of, or equal to, the path of that line.
    """
    changed, stack = set(), []
    for line in lines[3:]:  # ---, +++ and @@ headers
        text = line[1:]
        stripped = text.lstrip(" ")
        level = (len(text) - len(stripped)) // 4
        if stripped.startswith('"') and '":' in stripped:
            del stack[level - 1:]
            stack.append(stripped[1:stripped.index('":')])
        if line[:1] in ("+", "-"):
            path = ".".join(stack[:level])
            for candidate in (path[:i] for i in range(len(path), 0, -1) if i == len(path) or path[i] == "."):
                if candidate in labels:
                    changed.add(labels[candidate])
                    break
    return changed


def _side_by_side(fact_diff, before, names, reference, labels, ours):
    """Time fact_diff of every host against the reference and compare_hosts; check both name the same odd hosts.

    before: host -> what fact_diff gets; labels: JSON path in the diff -> field label; ours: the compare_hosts call.
    """
    def pairwise():
        return {host: fact_diff(None, before[reference], before[host]) for host in names if host != reference}

    def read_verdict(diffs):
        odd = {}
        for host, text in diffs.items():
            lines = ast.literal_eval(text)  # the filter returns the diff lines as the text of a Python list
            if lines:
                odd[host] = _fields_in_diff(lines, labels)
        return odd

    wall_fd, cpu_fd, diffs = best_of(2, pairwise)
    # reading the verdict out of the diff text is timed apart and left out of the speed-up
    _wall_read, cpu_read, odd_fd = best_of(2, lambda: read_verdict(diffs))
    wall_us, cpu_us, result = best_of(10, ours)
    odd_us = {}
    for label, entry in result["fields"].items():
        for host in entry["odd_hosts"]:
            odd_us.setdefault(host, set()).add(label)
    same = odd_fd == odd_us
    print("   fact_diff, %d pairwise calls: wall %8.1f ms, CPU %8.1f ms" % (len(diffs), wall_fd * 1000, cpu_fd * 1000))
    print("   compare_hosts, baseline %s: wall %8.1f ms, CPU %8.1f ms" % (reference, wall_us * 1000, cpu_us * 1000))
    print("   speed-up %.0fx (wall) / %.0fx (CPU); same verdict (same odd hosts and fields): %s (%d hosts differ "
          "from the reference)" % (wall_fd / wall_us, cpu_fd / cpu_us, same, len(odd_us)))
    print("   not counted above: reading the odd hosts and fields out of fact_diff's text took CPU %.1f ms more "
          "(%.0fx with it)" % (cpu_read * 1000, (cpu_fd + cpu_read) / cpu_us))
    return cpu_fd, cpu_us, same


def bench_fact_diff(hosts=1000):
    fact_diff = _fact_diff_filter()
    print("3. side by side with ansible.utils.fact_diff, %d hosts x %d fields" % (hosts, FIELDS))
    if fact_diff is None:
        print("   skipped: ansible.utils is not importable with this interpreter (%s)" % sys.executable)
        return None
    docs, fields = make_documents(hosts)
    names = sorted(docs)
    labels = {path: label for label, path in fields.items()}
    # the documents as users pass them: fact_diff has no field selection
    return _side_by_side(fact_diff, docs, names, names[0], labels,
                         lambda: compare_hosts(docs, fields=fields, baseline=names[0]))


def bench_fact_diff_kernel(hosts=1000):
    """The mission's job: the kernel profile (18 fields) on interpreted identities, against fact_diff."""
    fact_diff = _fact_diff_filter()
    print("3b. the kernel proof side by side with fact_diff, %d hosts x kernel profile (identity documents)" % hosts)
    if fact_diff is None:
        print("   skipped: ansible.utils is not importable with this interpreter")
        return None
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils._compare import compile_query
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils._identity import host_identity
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils._profiles import get_profile

    samples = [host_identity(_sample(name)) for name in _SAMPLES]
    docs = {"node%04d" % i: json.loads(json.dumps(samples[2 if i % 7 == 0 else i % 2])) for i in range(hosts)}
    names = sorted(docs)
    reference = names[1]  # a node of the majority, as a known-good baseline would be
    fields = {label: spec["query"] for label, spec in get_profile("kernel")["fields"].items()}
    getters = {label: compile_query(query) for label, query in fields.items()}
    # fact_diff gets each host's 18 kernel values for free (it cannot select fields itself)
    flat = {h: {label: get(docs[h]) for label, get in getters.items()} for h in names}
    return _side_by_side(fact_diff, flat, names, reference, {label: label for label in fields},
                         lambda: compare_hosts(docs, profile="kernel", baseline=reference, expect_different=[]))


_SAMPLES = ("ws2025_datacenter_26100_4349", "azurelocal_2506_26100_4349", "azurelocal_2505_26100_4061")


def _sample(name):
    with open(os.path.join(ROOT, "tests", "unit", "data", "host_facts", name + ".json"), encoding="utf-8") as handle:
        return json.load(handle)


def bench_kernel_profile(hosts=1000):
    print("4. profile kernel on raw host_facts samples, %d hosts (host_identity runs inside compare_hosts)" % hosts)
    samples = [json.dumps(_sample(name)) for name in _SAMPLES]
    # every host gets its own parsed copy, as facts of separate hosts are separate objects
    hostvars = {"node%04d" % i: {"ansible_facts": {"hyperv_host": json.loads(samples[2 if i % 7 == 0 else i % 2])}}
                for i in range(hosts)}
    wall, cpu, result = best_of(5, lambda: compare_hosts(hostvars, list(hostvars), profile="kernel"))
    print("   wall %.1f ms, CPU %.1f ms (%.0f us per host); %s"
          % (wall * 1000, cpu * 1000, cpu / hosts * 1e6, result["summary"][:90] + "..."))
    return cpu


def _floor_run(documents, hosts, paths):
    """Read every column, count the first value in it and build its values dict: the irreducible work.

    The synthetic documents always have their sections, so every read is a C-level dict.get pass.
    """
    rank = dict.fromkeys(hosts)
    parents = {(): [documents[host] for host in hosts]}
    get = dict.get

    def parent_of(path):
        column = parents.get(path)
        if column is None:
            column = parents[path] = list(map(get, parent_of(path[:-1]), repeat(path[-1])))
        return column

    for path in paths:
        values = list(map(get, parent_of(path[:-1]), repeat(path[-1])))
        values.count(values[0])
        dict.fromkeys(rank, values[0])


def bench_floor(hosts=1000, fact_diff_cpu=None):
    print("5. floor in pure Python for this result shape, %d hosts x %d fields" % (hosts, FIELDS))
    docs, fields = make_documents(hosts)
    names = sorted(docs)
    paths = [tuple(path.split(".")) for path in fields.values()]
    wall_floor, cpu_floor, _result = best_of(15, lambda: _floor_run(docs, names, paths))
    wall_us, cpu_us, _result = best_of(15, lambda: compare_hosts(docs, fields=fields, baseline=names[0]))
    print("   read columns + one equality pass + one values dict per field: wall %.1f ms, CPU %.1f ms"
          % (wall_floor * 1000, cpu_floor * 1000))
    print("   compare_hosts, same documents and baseline:                  wall %.1f ms, CPU %.1f ms (%.2fx the floor)"
          % (wall_us * 1000, cpu_us * 1000, cpu_us / cpu_floor))
    if fact_diff_cpu:
        print("   fact_diff's CPU time of 3 over the floor: %.0fx, the most a column-reading pure-Python engine "
              "can reach on this machine" % (fact_diff_cpu / cpu_floor))
    return cpu_floor, cpu_us


# shortcut -> (what it is, function of plugin_utils/_compare.py, its line, the line without the shortcut)
SHORTCUTS = {
    "columns": ("column reading of dotted paths",
                "_column", "column = columns.read(field.path)", "column = list(map(field.get, docs))"),
    "flat-lists": ("flat lists keyed without a call per item",
                   "value_key", "if type(value) is list and not normalize and set(map(type, value)) <= _UNAMBIGUOUS:",
                   "if False:"),
    "all-agree": ("all-agree shortcut (one list.count)",
                  "_group", "if keys and keys[0] is not None and keys.count(keys[0]) == len(keys):", "if False:"),
    "own-keys": ("plain scalars grouped as they are",
                 "_group", "keys = [value_key(value, normalize) for value in column] if exact else column",
                 "keys = [value_key(value, normalize) for value in column]"),
}


def _without(module, function, line, replacement):
    """module.function recompiled with one line replaced (the engine minus one shortcut), or None if absent."""
    import inspect
    import textwrap

    source = textwrap.dedent(inspect.getsource(getattr(module, function)))
    if source.count(line) != 1:
        return None
    namespace = dict(vars(module))
    exec(compile(source.replace(line, replacement), module.__file__, "exec"), namespace)  # pylint: disable=exec-used
    return namespace[function]


def bench_shortcuts(hosts=1000):
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils import _compare
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils._identity import host_identity

    print("6. what each shortcut buys, %d hosts (CPU, best of several runs)" % hosts)
    docs, fields = make_documents(hosts)
    samples = [_sample(name) for name in _SAMPLES]
    identities = {"node%04d" % i: json.loads(json.dumps(host_identity(samples[2 if i % 7 == 0 else i % 2])))
                  for i in range(hosts)}
    jobs = (("100 fields", lambda: compare_hosts(docs, fields=fields)),
            ("kernel profile", lambda: compare_hosts(identities, profile="kernel")))
    base = {}
    for name, job in jobs:
        base[name] = best_of(9, job)[1]
    print("   %-40s %s" % ("engine as it is", ", ".join("%s %.1f ms" % (n, base[n] * 1000) for n, _job in jobs)))
    for label, function, line, replacement in SHORTCUTS.values():
        variant = _without(_compare, function, line, replacement)
        if variant is None:
            print("   %-40s (not found in %s: the engine changed)" % (label, function))
            continue
        original = getattr(_compare, function)
        setattr(_compare, function, variant)
        try:
            costs = {name: best_of(9, job)[1] for name, job in jobs}
        finally:
            setattr(_compare, function, original)
        print("   without %-32s %s" % (label, ", ".join("%s %.1f ms (%+.0f %%)" % (
            name, costs[name] * 1000, (costs[name] / base[name] - 1) * 100) for name, _job in jobs)))


def run_job(job, reps, without=None):
    """For timing whole processes: build the job's documents, then compare them `reps` times (0: only build).

    without names a shortcut (SHORTCUTS) to take out first, so two processes can be timed pair by pair, for
    example with /usr/bin/time: --job fields --reps 10 against --job fields --reps 10 --without all-agree.
    """
    from ansible_collections.hyperv.azlocal.plugins.plugin_utils import _compare

    if without:
        _label, function, line, replacement = SHORTCUTS[without]
        variant = _without(_compare, function, line, replacement)
        if variant is None:
            raise SystemExit("bench_compare: the shortcut %s is no longer in %s" % (without, function))
        setattr(_compare, function, variant)
    if job == "fields":
        docs, fields = make_documents(1000)

        def run():
            return _compare.compare_hosts(docs, fields=fields)
    else:
        from ansible_collections.hyperv.azlocal.plugins.plugin_utils._identity import host_identity

        samples = [_sample(name) for name in _SAMPLES]
        docs = {"node%04d" % i: json.loads(json.dumps(host_identity(samples[2 if i % 7 == 0 else i % 2])))
                for i in range(1000)}

        def run():
            return _compare.compare_hosts(docs, profile="kernel")
    for _rep in range(reps):
        run()


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-fact-diff", action="store_true")
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--job", choices=["fields", "kernel"],
                        help="only build this job's 1,000 documents and compare them --reps times (whole-process timing)")
    parser.add_argument("--reps", type=int, default=10)
    parser.add_argument("--without", choices=sorted(SHORTCUTS), help="with --job: the engine without this shortcut")
    args = parser.parse_args(argv)
    if args.memory_child:
        memory_child(args.memory_child)
        return 0
    if args.job:
        run_job(args.job, args.reps, args.without)
        return 0
    print("Python %s on %d CPU(s)" % (sys.version.split()[0], os.cpu_count() or 0))
    bench_scaling()
    bench_memory()
    side_by_side = None
    if not args.no_fact_diff:
        side_by_side = bench_fact_diff()
        bench_fact_diff_kernel()
    bench_kernel_profile()
    bench_floor(fact_diff_cpu=side_by_side[0] if side_by_side else None)
    bench_shortcuts()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
