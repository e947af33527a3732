"""A report whose 表三 is printed but cannot be read is not published as clean: quarantined, blame on us."""

from __future__ import annotations

from extractors.catalogue import REQUEST_METRICS
from tests.e2e.conftest import query, run_job

# The 表三 heading and every row label of the 2021 template, but not one number: nothing can be read.
_LABELS = "".join(m.label_zh for m in REQUEST_METRICS if "2021" in m.templates)
UNREADABLE_REPORT = "\n".join([
    "某某县人民政府2022年政府信息公开工作年度报告", "一、总体情况", "本年度主动公开政府信息120条。",
    "三、收到和处理政府信息公开申请情况", _LABELS, "五、存在的主要问题及改进情况", "无。", ""])


def test_a_mostly_unread_table_is_quarantined_with_the_extraction_blamed(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "unreadable.txt").write_text(UNREADABLE_REPORT, encoding="utf-8")
    warehouse = tmp_path / "w.duckdb"
    assert run_job(landing, warehouse).success
    (status, blame, reasons, unread, completeness), = query(
        warehouse, "select status, blame, reasons, n_unread_cells, requests_completeness from quality.report_status")
    assert (status, blame, unread, completeness) == ("quarantined", "extraction", 175, 0.0)
    assert reasons.startswith("extraction incomplete: 表三 0 of 175 cells read")
    # Every cell is there, unreadable, with its reason: nothing is absent, nothing is guessed.
    notes = query(warehouse, "select distinct note from staging.stg_raw__cells where table_name = 'requests'")
    assert notes == [("row label is printed but no number follows it",)]
