"""One report as the world publishes it: a web page, its PDF and Word attachments and a text copy. The
real job (Dagster, dbt, GX, DuckDB) publishes them as versions of one agency × year, with the same
numbers, each traceable to its own place: page and box in the PDF, table/row/cell in the Word file,
line and columns in the text."""

from __future__ import annotations

from extractors.synthetic.cases import make_versions
from tests.e2e.conftest import query, run_job
from tests.e2e.test_cli import ogi

FORMATS = ["html_rowspan", "pdf", "docx", "cell_per_line"]


def test_pdf_docx_html_and_txt_of_one_report_are_versions_with_the_same_numbers(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    cases = make_versions(20261206, 0, FORMATS)
    for case in cases:
        (landing / case.filename).write_bytes(case.data)
    warehouse = tmp_path / "w.duckdb"
    assert run_job(landing, warehouse).success

    versions = query(warehouse, """
        select source_file, agency_name, report_year, template, n_versions, is_preferred_version
        from marts.dim_report order by source_file""")
    truth = cases[0].truth
    assert sorted(v[0] for v in versions) == sorted(c.filename for c in cases)
    assert {v[1:5] for v in versions} == {(truth["agency_name"], truth["report_year"], truth["template"], 4)}
    assert sum(v[5] for v in versions) == 1

    # The same printed numbers, whichever file they were read from (表三 and 表四, every cell).
    per_file = query(warehouse, """
        select source_file, list(row(metric_id, column_code, value) order by metric_id, column_code)
        from marts.fct_report_metric where table_name in ('requests', 'review_litigation') and source = 'table'
        group by source_file""")
    readings = {name: cells for name, cells in per_file}
    assert len(readings) == 4 and len({str(cells) for cells in readings.values()}) == 1
    assert len(next(iter(readings.values()))) == 190
    granted = truth["requests"]["granted"]["total"]
    assert query(warehouse, """select distinct value from marts.fct_report_metric
                               where metric_id = 'requests.granted' and column_code = 'total'""") == [(granted,)]

    # Each number where it sits in its own file.
    places = dict(query(warehouse, """
        select regexp_extract(source_file, '\\.(\\w+)$', 1),
               count(*) filter (where page is not null and len(bbox) = 4 and bbox[1] < bbox[3] and bbox[2] < bbox[4])
               + count(*) filter (where doc_path like 'table % / row % / cell %')
               + count(*) filter (where page is null and doc_path is null and line_start >= 1)
        from marts.fct_report_metric where table_name in ('requests', 'review_litigation') and semantic = 'number'
        group by 1"""))
    assert places == {"html": 190, "pdf": 190, "docx": 190, "txt": 190}

    # A reviewer doubting the PDF's number asks for its picture by report_id.
    (report_id,) = query(warehouse, "select report_id from marts.dim_report where source_file like '%.pdf'")[0]
    png = tmp_path / "granted.png"
    done = ogi("show", report_id, "--cell", "requests.granted.total", "--warehouse", str(warehouse),
               "--landing", str(landing), "--out", str(png), env={"DAGSTER_HOME": str(tmp_path / "dh")})
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"raw '{int(granted)}'" in done.stdout and png.is_file()
