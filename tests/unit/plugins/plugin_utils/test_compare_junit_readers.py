"""The JUnit report read by what CI systems use: the Jenkins xUnit plugin's JUnit schema and junitparser."""
import os

import junitparser
import pytest
import xmlschema

from ansible_collections.hyperv.azlocal.plugins.plugin_utils._compare import compare_hosts
from ansible_collections.hyperv.azlocal.plugins.plugin_utils._report import render_junit

SCHEMA = os.path.join(os.path.dirname(__file__), "..", "..", "data", "junit", "junit-10.xsd")
HOSTILE = "<script>alert('x')</script>]]>\"&\x00\x07\x1b|`**" + "x" * 5000


@pytest.fixture(scope="module")
def schema():
    return xmlschema.XMLSchema10(SCHEMA)


def _results(load_data):
    identities = load_data("compare/identities.json")
    hostile = {
        "ws2025-01": dict(identities["ws2025-01"], product_name=HOSTILE),
        HOSTILE[:40]: identities["azl-01"],
    }
    return {
        "kernel": compare_hosts(dict(identities, gone=None), profile="kernel"),
        "identical": compare_hosts({"a": {"x": 1}, "b": {"x": 1}}, fields="x"),
        "allowed missing": compare_hosts({"a": {"x": 1}, "b": {}, "c": None}, fields="x", allow_missing=True),
        "split": compare_hosts({"a": {"x": 1}, "b": {"x": 2}, "c": {}}, fields="x"),
        "no hosts": compare_hosts({}, fields="x"),
        "hostile": compare_hosts(hostile, profile="os"),
    }


@pytest.mark.parametrize("name", ["kernel", "identical", "allowed missing", "split", "no hosts", "hostile"])
def test_junit_report_is_valid_for_the_jenkins_schema(load_data, schema, name):
    xml = render_junit(_results(load_data)[name], suite_name=HOSTILE if name == "hostile" else None)
    errors = list(schema.iter_errors(xml))
    assert errors == [], errors[:3]


def test_junitparser_reads_cases_failures_and_output(load_data):
    result = _results(load_data)["kernel"]
    report = junitparser.JUnitXml.fromstring(render_junit(result))
    suites = list(report) if isinstance(report, junitparser.JUnitXml) else [report]
    assert len(suites) == 1
    cases = {case.name: case for case in suites[0]}
    assert list(cases) == list(result["fields"]) + ["hosts with data"]
    failed = sorted(name for name, case in cases.items() if not case.is_passed)
    assert failed == sorted(result["differences"] + ["hosts with data"])
    assert suites[0].failures == len(failed) and suites[0].tests == len(cases)
    ubr = cases["ubr"].result[0]
    assert isinstance(ubr, junitparser.Failure)
    assert ubr.message == "ubr: azl-03 differs from 4349"
    assert "4061: azl-03" in ubr.text
    assert "ws2025-01" in cases["product_name"].system_out
