"""tools/sync_return_docs.py: win_guest_facts.py carries guest_facts.py's RETURN, written by the tool."""
import shutil

# importing contract puts tools/ on sys.path
from .. import contract  # noqa: F401  pylint: disable=unused-import

import sync_return_docs  # noqa: E402  pylint: disable=wrong-import-position,import-error


def test_the_copies_in_the_tree_are_current():
    assert sync_return_docs.sync(check=True) == []


def test_a_stale_copy_is_named_and_rewritten(tmp_path):
    for name in ("guest_facts.py", "win_guest_facts.py"):
        shutil.copy(sync_return_docs.os.path.join(sync_return_docs.MODULES, name), tmp_path / name)
    source = (tmp_path / "guest_facts.py").read_text(encoding="utf-8")
    (tmp_path / "guest_facts.py").write_text(source.replace("returned: always", "returned: success", 1), encoding="utf-8")
    stale = ["plugins/modules/win_guest_facts.py (from plugins/modules/guest_facts.py)"]
    assert sync_return_docs.sync(check=True, modules=str(tmp_path)) == stale
    assert sync_return_docs.sync(check=False, modules=str(tmp_path)) == stale
    assert sync_return_docs.sync(check=True, modules=str(tmp_path)) == []
    copy = (tmp_path / "win_guest_facts.py").read_text(encoding="utf-8")
    assert sync_return_docs.return_block(copy, "copy") == sync_return_docs.return_block(
        (tmp_path / "guest_facts.py").read_text(encoding="utf-8"), "source")
    assert "module: win_guest_facts" in copy  # only RETURN was rewritten
