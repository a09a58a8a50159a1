"""The demo inventory's SAMPLE host data is exactly what tools/make_demo_inventory.py builds from the test
samples through the real interpretation, so the demo cannot drift from what the collection computes.

A freshness check, not evidence that the interpretation is right: the expected files are the code's own
output, so a wrong interpretation regenerates wrong files and this test still passes once they are committed.
The evidence is in the tests of plugins/plugin_utils, whose expected values are written by hand from what the
real Windows output means. Only the few story asserts below (the odd node out, the resource bridge) are
hand-written expectations here."""
import json
import os
import sys

import pytest

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._cluster import build_cluster_info
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._vms import build_vm_info

from ..contract import ROOT

sys.path.insert(0, os.path.join(ROOT, "tools"))
import make_demo_inventory  # noqa: E402  pylint: disable=wrong-import-position,import-error

BUILT = make_demo_inventory.build((build_vm_info, build_cluster_info))


@pytest.mark.parametrize("host", sorted(make_demo_inventory.HOSTS))
def test_committed_host_vars_match_the_generator(host):
    path = os.path.join(make_demo_inventory.OUT, host + ".json")
    with open(path, encoding="utf-8") as handle:
        committed = handle.read()
    assert committed == make_demo_inventory.render(BUILT[host]), (
        "%s is stale: run `python tools/make_demo_inventory.py` and commit the result" % path)


def test_sample_is_labelled_and_tells_the_story():
    for host, document in BUILT.items():
        assert document["hyperv_demo_sample"]["notice"].startswith("SAMPLE DATA"), host
        # every sample document says when it was (notionally) observed, as the collectors do
        for name in ("hyperv_host", "hyperv_vms", "hyperv_cluster"):
            assert document["hyperv_demo_sample"][name]["collected_at"].endswith("Z"), (host, name)
    cluster = BUILT["azl-node01"]["hyperv_demo_sample"]["hyperv_cluster"]
    assert cluster["node_os"]["consistent"] is False
    assert cluster["node_os"]["differing_nodes"] == ["AZL-NODE03"]
    bridge = BUILT["azl-node01"]["hyperv_demo_sample"]["hyperv_vms"]["summary"]["resource_bridge"]
    assert bridge["name"].endswith("-control-plane-0-d38498de")
    # every Azure Local node has its own VM list, so the facts role never needs to contact a sample host
    for host in ("azl-node01", "azl-node02", "azl-node03", "ws2025-hv01"):
        assert "hyperv_vms" in BUILT[host]["hyperv_demo_sample"], host
    assert json.loads(make_demo_inventory.render(BUILT["ws2025-hv01"]))["hyperv_demo_sample"]["hyperv_host"][
        "os_registry"]["edition_id"] == "ServerDatacenter"
