"""The real-world corpus through the whole pipeline: statuses, the old pre-2019 tables, duplicates."""

from __future__ import annotations

import json
import shutil

from extractors.pipeline import SUPPORTED_SUFFIXES
from tests.e2e.conftest import SEEDS_DIR, query, run_job

CORPUS_DIR = SEEDS_DIR.parent / "corpus"


def _truth(name: str) -> dict:
    return json.loads((CORPUS_DIR / f"{name.rsplit('.', 1)[0]}.truth.json").read_text(encoding="utf-8"))


def test_corpus_statuses_and_versions(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    names = sorted(p.name for p in CORPUS_DIR.iterdir() if p.suffix in SUPPORTED_SUFFIXES
                   and (CORPUS_DIR / f"{p.name.rsplit('.', 1)[0]}.truth.json").exists())
    assert len(names) >= 12, "the corpus is listed from its directory: it shrank?"
    for name in names:
        shutil.copy(CORPUS_DIR / name, landing / name)
    warehouse = tmp_path / "w.duckdb"
    result = run_job(landing, warehouse)
    assert result.success
    # Every file's status is its hand-checked truth file's.
    assert dict(query(warehouse, "select source_file, status from quality.report_status")) == {
        name: _truth(name)["expected_status"] for name in names}
    # Every 表三/表四 cell was read: none unread, completeness 1 for every report that prints the tables.
    assert query(warehouse, "select count(*) from quality.report_status where n_unread_cells > 0") == [(0,)]
    assert query(warehouse, "select source_file, requests_completeness, review_completeness from marts.dim_report "
                            "where template <> 'pre2019' and (requests_completeness <> 1 or review_completeness <> 1)") == []
    (reason,) = query(warehouse, "select reasons from quality.report_status where status = 'rejected'")[0]
    assert reason.startswith("not an annual report")
    # The 2011 and 2012 reports each arrive as a web page and as an archiver's text: one is preferred.
    versions = query(warehouse, "select agency_name, report_year, count(*), count(*) filter (where is_preferred_version) "
                                "from marts.dim_report group by all order by report_year, agency_name")
    assert versions == [
        ("平潭综合实验区", 2011, 2, 1),
        ("平潭县人民政府", 2012, 2, 1),
        ("平潭综合实验区", 2019, 1, 1),
        ("平潭综合实验区", 2022, 1, 1),
        ("平潭综合实验区", 2023, 1, 1),
        ("沭阳县发展和改革局", 2023, 1, 1),
        ("淮安市人民政府", 2024, 2, 1),  # the PDF and its text layer
        ("上海市人民政府办公厅", 2025, 1, 1),
    ]
    # shuyang: 表四 one pending review, as printed; its blank legal-person columns stay NULL.
    assert query(warehouse, "select pending, total from marts.fct_review_litigation r join marts.dim_report d "
                            "using (report_id) where d.agency_name = '沭阳县发展和改革局' "
                            "and proceeding = 'admin_review'") == [(1, 1)]
    assert query(warehouse, "select count(*), count(new_received) from marts.fct_foi_requests "
                            "where agency_name = '沭阳县发展和改革局' "
                            "and applicant_type in ('commercial_enterprise', 'research_institution')") == [(2, 0)]
    # Pre-2019: the prose and the old statistics table (本年/累计) carry what they state unambiguously,
    # each value marked with where it came from.
    assert query(warehouse, "select metric_id, column_code, value, source from marts.fct_report_metric "
                            "where source_file = 'pingtan-county-2012.txt' order by all") == [
        ("requests.new_received", "total", 21.0, "narrative"),
        ("review_litigation.admin_review", "total", 0.0, "narrative"),
        ("review_litigation.litigation_after_review", "total", 0.0, "old_table"),
        ("review_litigation.litigation_direct", "total", 0.0, "old_table"),
    ]
