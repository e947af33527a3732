"""End-to-end fixtures: run the real Dagster job (real dbt, real GX, real DuckDB) into temp directories."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = Path(os.environ.get("OGI_SHARED_DIR") or REPO_ROOT.parent / "shared").resolve() / "seeds"

PUBLISHED_SEEDS = ("000_ee2ac1f4facddbc2", "002_11efede76b55d959", "003_91a4c20e6918bacb")
PRE2019_SEED = "001_16a26869f300a3bd"
QUARANTINED_SEED = "004_4a8b712bfc0e61a8"

# Not annual reports: the run must reject them with a reason and go on with the others.
NOTICE_HTML = """<html><head><title>关于做好2020年政府信息公开工作年度报告编制和发布工作的通知</title></head>
<body><h1>关于做好2020年政府信息公开工作年度报告编制和发布工作的通知</h1><p>各县（区）人民政府，市政府各部门：</p>
<p>为做好2020年政府信息公开工作年度报告编制和发布工作，现将有关事项通知如下。</p>
<p>某某市人民政府办公室</p><p>2021年1月5日</p></body></html>"""


def truth(stem: str) -> dict:
    return json.loads((SEEDS_DIR / f"{stem}.truth.json").read_text(encoding="utf-8"))


def make_landing(root: Path, with_bad_files: bool = True) -> Path:
    if not SEEDS_DIR.is_dir():
        pytest.fail(f"shared seeds not found at {SEEDS_DIR}: set OGI_SHARED_DIR")
    landing = root / "landing"
    landing.mkdir(parents=True)
    for path in SEEDS_DIR.glob("*.txt"):
        shutil.copy(path, landing / path.name)
    if with_bad_files:
        (landing / "notices").mkdir()
        (landing / "notices" / "annual-report-notice.html").write_text(NOTICE_HTML, encoding="utf-8")
        (landing / "scan.pdf").write_bytes(b"%PDF-1.4\n%binary scan\n")
    return landing


@contextmanager
def pipeline_env(landing: Path, warehouse: Path, **extra: str) -> Iterator[None]:
    """Point every part (Dagster resources, dbt profile, GX) at temp paths, as `ogi run` does."""
    values = {"OGI_LANDING_DIR": str(landing), "OGI_WAREHOUSE": str(warehouse), **extra}
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_job(landing: Path, warehouse: Path, **extra: str):
    import dagster as dg

    from orchestration.definitions import defs

    with pipeline_env(landing, warehouse, **extra):
        job = defs().resolve_job_def("ogi_main_job")
        return job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def marts_snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    tables = [r[0] for r in query(warehouse, "select table_name from information_schema.tables "
                                             "where table_schema = 'marts' order by 1")]
    return {t: query(warehouse, f"select * from marts.{t} order by all") for t in tables}


@pytest.fixture(scope="session")
def seeded_run(tmp_path_factory):
    """One real run over the seeds plus two files that are not reports."""
    root = tmp_path_factory.mktemp("seeded")
    landing = make_landing(root)
    warehouse = root / "warehouse" / "warehouse.duckdb"
    result = run_job(landing, warehouse)
    return result, landing, warehouse
