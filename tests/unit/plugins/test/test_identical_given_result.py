"""The identical test given a comparison result: it answers from the result only when nothing asks for another
comparison. Options that choose hosts or fields must not be ignored in favour of the verdict already stored."""
import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._compare import compare_hosts
from ansible_collections.hyperv.azlocal.plugins.test import identical as plugin

identical = plugin.TestModule().tests()["identical"]


@pytest.fixture
def same():
    """A comparison whose stored verdict is True."""
    result = compare_hosts({"a": {"x": 1, "y": 1}, "b": {"x": 1, "y": 2}}, fields="x")
    assert result["identical"] is True
    return result


def test_the_stored_verdict_answers_when_no_option_asks_for_another_comparison(same):
    assert identical(same) is True
    differ = dict(same, identical=False)
    assert identical(differ) is False  # the stored verdict, not a recomputation


@pytest.mark.parametrize("options", [
    {"fields": "y"},
    {"profile": "kernel"},
    {"hosts": ["a", "b"]},
])
def test_options_that_choose_a_comparison_are_not_ignored(same, options):
    # The result is not host data: comparing it again fails with a message instead of answering True from the
    # stored verdict, which would claim hosts agree on fields nobody compared.
    with pytest.raises(AnsibleFilterError, match="hyperv.azlocal.identical"):
        identical(same, **options)
