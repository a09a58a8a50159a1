"""A snapshot is saved as <host>.json: host names that would leave the folder are refused, naming the host."""
import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.hyperv.azlocal.plugins.filter.to_snapshot import to_snapshot
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._snapshot import check_host_name, make_snapshot

DOCS = {"hyperv_host": {"os_registry": {"CurrentBuild": "26100"}}}


@pytest.mark.parametrize("host, reason", [
    ("../../escaped", "it contains a path separator"),
    ("a/b", "it contains a path separator"),
    ("/etc/cron.d/x", "it contains a path separator"),
    ("..\\..\\escaped", "it contains a path separator"),
    ("..", "it is '..'"),
    (".", "it is '.'"),
    ("node\n01", "it contains a control character"),
    ("node\x00", "it contains a control character"),
    ("node\x1f", "it contains a control character"),  # the last C0 control character
    ("node\x7f", "it contains a control character"),  # DEL
    ("n" * 251, "it is longer than 250 bytes"),
    ("\u00e9" * 126, "it is longer than 250 bytes"),  # 252 bytes in UTF-8
])
def test_unsafe_host_names_are_refused(host, reason):
    with pytest.raises(ValueError) as exc:
        make_snapshot(DOCS, host, time="2026-11-27T07:31:27Z", version="0.1.0")
    assert str(exc.value).startswith("host %r cannot be saved as a snapshot: %s" % (host, reason))
    with pytest.raises(AnsibleFilterError, match="hyperv.azlocal.to_snapshot: host .* cannot be saved as a snapshot"):
        to_snapshot(DOCS, host)


@pytest.mark.parametrize("host", ["azl-node01", "azl-node01.contoso.local", "fe80::1", "10.0.0.5", "..node",
                                  "node..01", ".hidden", "node~01", "n" * 250, "\u00e9" * 125, "n\u00f6de 01"])
def test_ordinary_host_names_are_kept(host):
    assert check_host_name(host) == host
    assert make_snapshot(DOCS, host, time="2026-11-27T07:31:27Z", version="0.1.0")["host"] == host
