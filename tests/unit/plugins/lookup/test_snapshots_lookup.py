"""Unit tests for the hyperv.azlocal.snapshots lookup plugin."""
import json

import pytest
from ansible.errors import AnsibleLookupError
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import lookup_loader

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._snapshot import make_snapshot


@pytest.fixture
def snapdir(tmp_path):
    folder = tmp_path / "snaps"
    folder.mkdir()
    for host, ubr in (("node1", 4349), ("node2", 4061)):
        snap = make_snapshot({"hyperv_identity": {"ubr": ubr}}, host, time="2026-10-01T00:00:00Z", version="0.1.0")
        (folder / (host + ".json")).write_text(json.dumps(snap), encoding="utf-8")
    return folder


@pytest.fixture
def lookup(tmp_path):
    loader = DataLoader()
    loader.set_basedir(str(tmp_path))
    return lookup_loader.get("hyperv.azlocal.snapshots", loader=loader, templar=None)


def test_reads_a_directory_relative_to_the_playbook(lookup, snapdir):
    result = lookup.run(["snaps"], variables={})
    assert result == [{"node1": {"hyperv_identity": {"ubr": 4349}}, "node2": {"hyperv_identity": {"ubr": 4061}}}]


def test_options(lookup, snapdir):
    result = lookup.run([str(snapdir), str(snapdir / "node1.json")], variables={}, hosts=["node1"], suffix="@old",
                        metadata=True)
    assert list(result[0]) == ["node1@old"]
    assert result[0]["node1@old"]["time"] == "2026-10-01T00:00:00Z"
    assert result[1]["node1@old"]["collection_version"] == "0.1.0"


@pytest.mark.parametrize("term, kwargs, message", [
    ("snaps", {"hosts": ["node9"]}, "no snapshot for host node9"),
    ("missing", {}, "no such snapshot file or directory"),
])
def test_errors_name_the_problem(lookup, snapdir, term, kwargs, message):
    with pytest.raises(AnsibleLookupError) as exc:
        lookup.run([term], variables={}, **kwargs)
    assert str(exc.value).startswith("hyperv.azlocal.snapshots: ")
    assert message in str(exc.value)
