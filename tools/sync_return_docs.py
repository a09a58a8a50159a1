"""Write the RETURN documentation of a module that returns what another module returns, from that module.

    python tools/sync_return_docs.py           # rewrite the copies
    python tools/sync_return_docs.py --check   # exit 1 and name the stale copies (the unit tests run this)

hyperv.azlocal.win_guest_facts is the Windows implementation of hyperv.azlocal.guest_facts and returns the same
document, so its RETURN is guest_facts.py's, byte for byte. RETURN doc fragments would keep one copy in the
sources, but ansible-core reads them from 2.20 on only (ansible-doc of 2.19 fails on them), and this collection
supports 2.19. So guest_facts.py holds the text, and this tool writes it into win_guest_facts.py.
"""
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
MODULES = os.path.join(ROOT, "plugins", "modules")
# copy -> source, file names under plugins/modules
COPIES = {"win_guest_facts.py": "guest_facts.py"}
RETURN_RE = re.compile(r'^RETURN = r"""\n.*?^"""$', re.M | re.S)


def return_block(text, path):
    found = RETURN_RE.findall(text)
    if len(found) != 1:
        raise SystemExit("%s: expected one RETURN = r\"\"\"...\"\"\" block, found %d" % (path, len(found)))
    return found[0]


def sync(check, modules=MODULES):
    stale = []
    for copy, source in sorted(COPIES.items()):
        copy_path, source_path = os.path.join(modules, copy), os.path.join(modules, source)
        with open(source_path, encoding="utf-8") as handle:
            wanted = return_block(handle.read(), source_path)
        with open(copy_path, encoding="utf-8") as handle:
            text = handle.read()
        if return_block(text, copy_path) == wanted:
            continue
        stale.append("plugins/modules/%s (from plugins/modules/%s)" % (copy, source))
        if not check:
            with open(copy_path, "w", encoding="utf-8") as handle:
                handle.write(RETURN_RE.sub(lambda _match: wanted, text, count=1))
    return stale


def main(argv):
    check = "--check" in argv
    stale = sync(check)
    for name in stale:
        print("%s: RETURN %s" % (name, "is stale: run python tools/sync_return_docs.py" if check else "rewritten"))
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
