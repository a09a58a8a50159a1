# -*- coding: utf-8 -*-

# Copyright: (c) 2026, hyperv.azlocal contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Snapshots of a host's documents, for drift over time. PRIVATE to the collection.

A snapshot is one JSON object per host, written as <dir>/<host>.json by the caller (ansible.builtin.copy):

    {"format": "hyperv.azlocal.snapshot", "format_version": 1, "host": "node1",
     "time": "2026-11-27T07:31:27Z", "collection_version": "0.1.0",
     "documents": {"hyperv_host": {...raw facts...}}}

Snapshots keep raw observations; the interpretation (host identity) is recomputed when they are compared, so
an improved interpretation applies to old snapshots too.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
from collections.abc import Mapping

FORMAT = "hyperv.azlocal.snapshot"
FORMAT_VERSION = 1
SNAPSHOT_KEYS = ("format", "format_version", "host", "time", "collection_version", "documents")
_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@functools.lru_cache(maxsize=1)
def collection_version(root=_ROOT):
    """Version of this collection: MANIFEST.json when installed, galaxy.yml in a source checkout, else None."""
    manifest = os.path.join(root, "MANIFEST.json")
    if os.path.isfile(manifest):
        with open(manifest, encoding="utf-8") as handle:
            return str(json.load(handle).get("collection_info", {}).get("version") or "") or None
    galaxy = os.path.join(root, "galaxy.yml")
    if os.path.isfile(galaxy):
        import yaml  # shipped with ansible-core; only needed in a source checkout

        with open(galaxy, encoding="utf-8") as handle:
            return str((yaml.safe_load(handle) or {}).get("version") or "") or None
    return None


def utc_now():
    """The current time as an ISO 8601 UTC string with a Z suffix, to the second."""
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# A snapshot is saved as <host>.json: the name must stay one file name inside the chosen folder.
_NAME_MAX_BYTES = 255 - len(".json")


def check_host_name(host):
    """The host name, when it can be a snapshot file name (<host>.json); ValueError naming the host otherwise.

    Refused: path separators (/ and \\), '.' and '..', control characters, and names longer than a file name
    can be. Inventory plugins supply host names, so a name like '../../x' must not write outside the folder.
    """
    if not isinstance(host, str) or not host:
        raise TypeError("host must be a non-empty host name, got %r" % (host,))
    problem = None
    if host in (".", ".."):
        problem = "it is '%s'" % host
    elif "/" in host or "\\" in host:
        problem = "it contains a path separator"
    elif any(ord(char) < 32 or ord(char) == 127 for char in host):
        problem = "it contains a control character"
    elif len(host.encode("utf-8", "surrogatepass")) > _NAME_MAX_BYTES:
        problem = "it is longer than %d bytes" % _NAME_MAX_BYTES
    if problem:
        raise ValueError("host %r cannot be saved as a snapshot: %s, and snapshots are files named <host>.json in"
                         " one folder; give the host a plain inventory name (ansible_host can keep the address)"
                         % (host, problem))
    return host


def make_snapshot(documents, host, time=None, version=None):
    """A snapshot dict of one host's documents (a dict name -> document, e.g. {'hyperv_host': facts})."""
    check_host_name(host)
    if not isinstance(documents, Mapping):
        raise TypeError("host '%s': expected a dict of documents (e.g. {'hyperv_host': facts}), got %s"
                        % (host, type(documents).__name__))
    if not documents:
        raise ValueError("host '%s': no documents to save" % host)
    for name in documents:
        if not isinstance(name, str):
            raise TypeError("host '%s': document names must be strings, got %r" % (host, name))
    if time is not None and not isinstance(time, str):
        raise TypeError("time must be an ISO 8601 string, got %r" % (time,))
    try:
        # a round trip makes plain JSON types of whatever Ansible handed over, and fails early on the rest
        plain = json.loads(json.dumps(documents, allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise ValueError("host '%s': the documents cannot be written as JSON: %s" % (host, exc)) from None
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "host": host,
        "time": time or utc_now(),
        "collection_version": version if version is not None else collection_version(),
        "documents": plain,
    }


def check_snapshot(data, where):
    """Validate a parsed snapshot; ValueError naming `where` (the file) otherwise."""
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise ValueError("%s: not a %s file (no \"format\": \"%s\")" % (where, FORMAT, FORMAT))
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1 or version > FORMAT_VERSION:
        raise ValueError("%s: unsupported format_version %r (this collection reads 1 to %d)"
                         % (where, version, FORMAT_VERSION))
    if not isinstance(data.get("host"), str) or not data["host"]:
        raise ValueError("%s: the snapshot has no host name" % where)
    if not isinstance(data.get("documents"), Mapping):
        raise ValueError("%s: the snapshot has no documents" % where)
    return data


def read_snapshot(path):
    """Parse and validate one snapshot file."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as exc:
        raise ValueError("%s: cannot read the snapshot: %s" % (path, exc)) from None
    return check_snapshot(data, path)


def snapshot_files(path):
    """The snapshot files a term names: the *.json files of a directory (sorted), or the file itself."""
    if os.path.isdir(path):
        return sorted(os.path.join(path, n) for n in os.listdir(path)
                      if n.endswith(".json") and os.path.isfile(os.path.join(path, n)))
    if os.path.isfile(path):
        return [path]
    raise ValueError("%s: no such snapshot file or directory" % path)


def load_snapshots(paths, hosts=None, metadata=False, suffix=""):
    """Read snapshot files and directories back: {host + suffix: documents} (or the whole snapshot with metadata).

    Two snapshots of one host, or a requested host without a snapshot, are errors that name the files/hosts.
    """
    if isinstance(paths, str):
        paths = [paths]
    if hosts is not None:
        if isinstance(hosts, str):
            hosts = [hosts]
        if not all(isinstance(h, str) for h in hosts):
            raise TypeError("hosts: expected a list of host names, got %r" % (hosts,))
    if not isinstance(suffix, str):
        raise TypeError("suffix: expected a string, got %r" % (suffix,))
    found, origin = {}, {}
    for path in paths:
        for name in snapshot_files(path):
            snapshot = read_snapshot(name)
            host = snapshot["host"]
            if hosts is not None and host not in hosts:
                continue
            if host in origin:
                raise ValueError("host '%s' has two snapshots: %s and %s" % (host, origin[host], name))
            origin[host] = name
            found[host + suffix] = snapshot if metadata else snapshot["documents"]
    if hosts is not None:
        absent = [h for h in hosts if h not in origin]
        if absent:
            raise ValueError("no snapshot for host%s %s in %s"
                             % ("" if len(absent) == 1 else "s", ", ".join(absent), ", ".join(paths)))
    return found
