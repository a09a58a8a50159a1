"""Unit tests for plugins/plugin_utils/_snapshot.py (snapshots for drift over time)."""
import json
import os
import re

import pytest

from ansible_collections.hyperv.azlocal.plugins.plugin_utils import _snapshot
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._compare import compare_hosts
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._snapshot import (
    check_snapshot,
    collection_version,
    load_snapshots,
    make_snapshot,
    read_snapshot,
    snapshot_files,
    utc_now,
)


def _write(path, data):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(data if isinstance(data, str) else json.dumps(data))
    return str(path)


@pytest.fixture
def snapdir(tmp_path, load_data):
    identities = load_data("compare/identities.json")
    for host in ("azl-01", "azl-03"):
        snap = make_snapshot({"hyperv_identity": identities[host]}, host, time="2026-10-01T00:00:00Z", version="0.1.0")
        _write(tmp_path / (host + ".json"), snap)
    (tmp_path / "notes.txt").write_text("not a snapshot", encoding="utf-8")
    return tmp_path


def test_make_snapshot_shape():
    snap = make_snapshot({"hyperv_host": {"os": {"ubr": 4349}}}, "node1", time="2026-11-27T07:31:27Z", version="9.9.9")
    assert snap == {
        "format": "hyperv.azlocal.snapshot", "format_version": 1, "host": "node1", "time": "2026-11-27T07:31:27Z",
        "collection_version": "9.9.9", "documents": {"hyperv_host": {"os": {"ubr": 4349}}},
    }


def test_make_snapshot_defaults_time_and_version():
    snap = make_snapshot({"d": {}}, "node1")
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", snap["time"])
    assert snap["collection_version"] == collection_version()


def test_make_snapshot_converts_tuples_to_lists():
    assert make_snapshot({"d": {"t": (1, 2)}}, "h", time="t")["documents"] == {"d": {"t": [1, 2]}}


@pytest.mark.parametrize("documents, host, time, error, message", [
    ({"d": {}}, "", None, TypeError, "host must be a non-empty host name"),
    ({"d": {}}, None, None, TypeError, "host must be a non-empty host name"),
    (["d"], "h", None, TypeError, "host 'h': expected a dict of documents"),
    ({}, "h", None, ValueError, "host 'h': no documents to save"),
    ({1: {}}, "h", None, TypeError, "document names must be strings"),
    ({"d": {}}, "h", 5, TypeError, "time must be an ISO 8601 string"),
    ({"d": {"x": object()}}, "h", None, ValueError, "host 'h': the documents cannot be written as JSON"),
    ({"d": float("nan")}, "h", None, ValueError, "Out of range float values are not JSON compliant"),
])
def test_make_snapshot_errors(documents, host, time, error, message):
    with pytest.raises(error) as exc:
        make_snapshot(documents, host, time=time)
    assert message in str(exc.value)


def test_utc_now_format():
    assert utc_now().endswith("Z") and len(utc_now()) == 20


def test_collection_version_reads_galaxy_or_manifest(tmp_path):
    collection_version.cache_clear()
    try:
        assert collection_version(str(tmp_path)) is None
        collection_version.cache_clear()
        (tmp_path / "galaxy.yml").write_text("namespace: hyperv\nversion: 1.2.3\n", encoding="utf-8")
        assert collection_version(str(tmp_path)) == "1.2.3"
        (tmp_path / "MANIFEST.json").write_text(json.dumps({"collection_info": {"version": "2.0.0"}}), encoding="utf-8")
        assert collection_version(str(tmp_path)) == "1.2.3"  # read once, then cached
        collection_version.cache_clear()
        assert collection_version(str(tmp_path)) == "2.0.0"  # an installed collection: MANIFEST.json wins
    finally:
        collection_version.cache_clear()


def test_collection_version_of_this_checkout():
    assert re.match(r"^\d+\.\d+\.\d+", collection_version())


@pytest.mark.parametrize("data, message", [
    ([], "not a hyperv.azlocal.snapshot file"),
    ({"format": "other"}, "not a hyperv.azlocal.snapshot file"),
    ({"format": "hyperv.azlocal.snapshot"}, "unsupported format_version None"),
    ({"format": "hyperv.azlocal.snapshot", "format_version": 2}, "unsupported format_version 2"),
    ({"format": "hyperv.azlocal.snapshot", "format_version": 0}, "unsupported format_version 0"),
    ({"format": "hyperv.azlocal.snapshot", "format_version": -1}, "unsupported format_version -1"),
    ({"format": "hyperv.azlocal.snapshot", "format_version": True}, "unsupported format_version True"),
    ({"format": "hyperv.azlocal.snapshot", "format_version": 1}, "the snapshot has no host name"),
    ({"format": "hyperv.azlocal.snapshot", "format_version": 1, "host": "h", "documents": []}, "has no documents"),
])
def test_check_snapshot_names_the_file(data, message):
    with pytest.raises(ValueError) as exc:
        check_snapshot(data, "dir/h.json")
    assert str(exc.value).startswith("dir/h.json: ")
    assert message in str(exc.value)


def test_read_snapshot_errors(tmp_path):
    with pytest.raises(ValueError, match="cannot read the snapshot"):
        read_snapshot(_write(tmp_path / "bad.json", "{not json"))
    with pytest.raises(ValueError, match="cannot read the snapshot"):
        read_snapshot(str(tmp_path / "absent.json"))


def test_snapshot_files(snapdir):
    files = snapshot_files(str(snapdir))
    assert [os.path.basename(f) for f in files] == ["azl-01.json", "azl-03.json"]
    assert snapshot_files(files[0]) == [files[0]]
    with pytest.raises(ValueError, match="no such snapshot file or directory"):
        snapshot_files(str(snapdir / "nope"))


def test_load_snapshots_and_compare_with_today(snapdir, load_data):
    identities = load_data("compare/identities.json")
    old = load_snapshots(str(snapdir), suffix="@2026-10")
    assert sorted(old) == ["azl-01@2026-10", "azl-03@2026-10"]
    today = dict(old, **{"azl-03": {"hyperv_identity": identities["azl-01"]}})
    result = compare_hosts(today, profile="kernel", baseline="azl-03")
    assert result["fields"]["ubr"]["odd_hosts"] == ["azl-03@2026-10"]


def test_load_snapshots_options(snapdir):
    only = load_snapshots([str(snapdir)], hosts="azl-01", metadata=True)
    assert list(only) == ["azl-01"]
    assert only["azl-01"]["time"] == "2026-10-01T00:00:00Z"
    # a host whose file comes after one that is not asked for is still found
    assert list(load_snapshots(str(snapdir), hosts=["azl-03"])) == ["azl-03"]
    with pytest.raises(ValueError, match="no snapshot for host ghost in"):
        load_snapshots(str(snapdir), hosts=["azl-01", "ghost"])
    with pytest.raises(ValueError, match="no snapshot for hosts ghost, spook in"):
        load_snapshots(str(snapdir), hosts=["ghost", "azl-01", "spook"])
    with pytest.raises(TypeError, match="hosts: expected a list of host names"):
        load_snapshots(str(snapdir), hosts=[1])
    with pytest.raises(TypeError, match="suffix: expected a string"):
        load_snapshots(str(snapdir), suffix=None)


def test_load_snapshots_rejects_duplicates_and_foreign_json(snapdir, tmp_path_factory):
    other = tmp_path_factory.mktemp("other")
    _write(other / "copy.json", make_snapshot({"d": {}}, "azl-01", time="t"))
    with pytest.raises(ValueError, match="host 'azl-01' has two snapshots: .*azl-01.json and .*copy.json"):
        load_snapshots([str(snapdir), str(other)])
    _write(snapdir / "inventory.json", {"all": {}})
    with pytest.raises(ValueError, match="inventory.json: not a hyperv.azlocal.snapshot file"):
        load_snapshots(str(snapdir))


def test_snapshot_module_root_is_the_collection():
    assert os.path.isdir(os.path.join(_snapshot._ROOT, "plugins", "plugin_utils"))
