"""Glued digits that no cut makes add up: the cells stay unreadable, yet the report is quarantined on the
extractor's proof (a finding) and the publisher is blamed. The whole path, raw → staging → gate."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.e2e.conftest import query, run_job

FIXTURES = Path(__file__).parents[1] / "fixtures" / "glued"
STEM = "syn1_03193_glued"
# Line 32 of the fixture: `三、本年度办理结果(一)予以公开811011011`, i.e. 8 | 11 | 0 | 1 | 1 | 0 | 11 as
# generated, where the injected 11 for commercial_enterprise (consistent: 1) breaks the row's total.
GLUED_DIGITS = "811011011"
GLUED_LINE = 32


@pytest.fixture(scope="module")
def glued_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("glued")
    landing = root / "landing"
    landing.mkdir()
    shutil.copy(FIXTURES / f"{STEM}.txt", landing / f"{STEM}.txt")
    warehouse = root / "warehouse.duckdb"
    result = run_job(landing, warehouse)
    (report_id,) = query(warehouse, "select report_id from intermediate.int_reports where source_file = ?",
                         [f"{STEM}.txt"])[0]
    return result, warehouse, report_id


def test_the_fixture_is_the_glued_row_it_claims():
    lines = (FIXTURES / f"{STEM}.txt").read_text(encoding="utf-8").splitlines()
    assert lines[GLUED_LINE - 1] == f"三、本年度办理结果(一)予以公开{GLUED_DIGITS}"
    truth = json.loads((FIXTURES / f"{STEM}.truth.json").read_text(encoding="utf-8"))
    granted = truth["requests"]["granted"]
    assert "".join(str(granted[c]) for c in ("natural_person", "commercial_enterprise", "research_institution",
                                              "public_interest_org", "legal_service_org", "other_org",
                                              "total")) == GLUED_DIGITS
    assert truth["expected_status"] == "quarantined"


def test_the_run_succeeds_and_stages_the_finding(glued_run):
    result, warehouse, report_id = glued_run
    assert result.success
    raw = next(e for e in result.get_asset_materialization_events()
               if e.asset_key.to_user_string() == "raw/findings").materialization.metadata
    assert raw["dagster/row_count"].value >= 1
    staged = query(warehouse, "select identity_id, scope, note, line_start, line_end from staging.stg_raw__findings "
                              "where report_id = ?", [report_id])
    assert ("T3-ROW", "granted") in {(i, s) for i, s, *_ in staged}
    row = next(r for r in staged if r[:2] == ("T3-ROW", "granted"))
    assert row[3] <= GLUED_LINE <= row[4]
    assert query(warehouse, "select n_findings from intermediate.int_documents where report_id = ?",
                 [report_id]) == [(len(staged),)]


def test_the_glued_cells_stay_unreadable(glued_run):
    _, warehouse, report_id = glued_run
    cells = {c: (semantic, raw, value) for c, semantic, raw, value in query(
        warehouse, "select column_code, semantic, raw_text, value from intermediate.int_report_metrics "
                   "where report_id = ? and metric_id = 'requests.granted'", [report_id])}
    # The cuts disagree on these: nothing is guessed.
    for column in ("natural_person", "commercial_enterprise", "research_institution"):
        assert cells[column][:2] == ("unreadable", GLUED_DIGITS), column
        assert cells[column][2] is None
    # A cell read all the same is one on which every cut agrees: it is the printed number.
    printed = json.loads((FIXTURES / f"{STEM}.truth.json").read_text(encoding="utf-8"))["requests"]["granted"]
    for column, (semantic, _, value) in cells.items():
        assert semantic in ("unreadable", "number"), column
        if semantic == "number":
            assert value == printed[column], column


def test_the_finding_fails_the_row_and_blames_the_publisher(glued_run):
    _, warehouse, report_id = glued_run
    rows = query(warehouse, "select status, status_blank_as_zero, blame, finding, explanation, blame_evidence "
                            "from quality.identity_results "
                            "where report_id = ? and identity_id = 'T3-ROW' and scope = 'granted'", [report_id])
    assert len(rows) == 1
    status, status_bz, blame, finding, explanation, evidence = rows[0]
    assert (status, status_bz, blame) == ("fail", "fail", "publisher")
    assert finding
    assert f"'{GLUED_DIGITS}'" in finding  # the note quotes the printed digits
    assert explanation == f"T3-ROW granted: {finding}"
    assert finding in evidence
    # Each staged finding made exactly one failing instance, and no other instance of the report failed.
    assert query(warehouse, "select identity_id, scope from quality.identity_results where report_id = ? "
                            "and status = 'fail' order by all", [report_id]) == [("T3-ROW", "granted")]


def test_the_report_is_quarantined_on_the_publisher(glued_run):
    _, warehouse, report_id = glued_run
    status, blame, reasons = query(warehouse, "select status, blame, reasons from quality.report_status "
                                              "where report_id = ?", [report_id])[0]
    assert (status, blame) == ("quarantined", "publisher")
    assert "T3-ROW granted" in reasons and reasons.count(GLUED_DIGITS) == 1  # the proof, once
    assert "the publisher's own inconsistency" in reasons
    assert query(warehouse, "select count(*) from marts.dim_report where report_id = ?", [report_id]) == [(0,)]
