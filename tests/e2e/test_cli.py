"""The `ogi` console script as a person uses it."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.conftest import SEEDS_DIR, make_landing

OGI = str(Path(sys.executable).with_name("ogi"))


def ogi(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([OGI, *args], capture_output=True, text=True, timeout=900,
                          env={**os.environ, "COLUMNS": "200", **(env or {})})


def test_extract_json_is_the_extraction_contract():
    done = ogi("extract", str(SEEDS_DIR / "004_4a8b712bfc0e61a8.txt"), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["agency_name"], data["report_year"], data["template"]) == ("广州市花都区狮岭镇人民政府", 2020, "2019")
    total = next(c for c in data["cells"] if (c["table"], c["row"], c["column"]) == ("requests", "total_processed", "total"))
    assert (total["raw"], total["value"], total["semantic"]) == ("2", 2.0, "number")
    assert set(total["locator"]) == {"line_start", "line_end", "col_start", "col_end", "page", "bbox", "path"}
    line = (SEEDS_DIR / "004_4a8b712bfc0e61a8.txt").read_text(encoding="utf-8").split("\n")[total["locator"]["line_end"] - 1]
    assert line.strip()[total["locator"]["col_start"]:total["locator"]["col_end"]] == "2"  # text: no page, no box
    assert (total["locator"]["page"], total["locator"]["bbox"], total["locator"]["path"]) == (None, None, None)
    assert isinstance(data["narrative_facts"], list)


def test_run_then_query(tmp_path):
    landing = make_landing(tmp_path)
    warehouse = tmp_path / "data" / "warehouse.duckdb"
    env = {"DAGSTER_HOME": str(tmp_path / "dagster_home")}
    done = ogi("run", "--landing", str(landing), "--warehouse", str(warehouse), env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "files seen 7: published 4, quarantined 1, rejected 2; extracted this run 7" in done.stdout
    assert "marts published" in done.stdout
    assert "damaged or encrypted" in done.stdout  # scan.pdf: a PDF without a page, rejected saying so

    answer = ogi("query", "select agency_name, report_year from marts.dim_report order by report_year, agency_name",
                 "--csv", "--warehouse", str(warehouse), env=env)
    assert answer.returncode == 0, answer.stderr
    assert list(csv.reader(io.StringIO(answer.stdout))) == [
        ["agency_name", "report_year"],
        ["河池市人民政府", "2018"],
        ["于洪区人民政府", "2019"],
        ["阳江市人民政府", "2019"],
        ["大同市人民政府办公室", "2024"],
    ]
    # Read-only: the warehouse refuses writes from `ogi query`.
    refused = ogi("query", "delete from marts.dim_report", "--warehouse", str(warehouse), env=env)
    assert refused.returncode == 1 and "read-only" in refused.stderr.lower()


def test_extract_text_shows_the_lines_locators_point_at():
    page = SEEDS_DIR.parent / "corpus" / "shuyang-fgj-2023.html"
    cells = json.loads(ogi("extract", str(page), "--json").stdout)["cells"]
    pending = next(c for c in cells if (c["table"], c["row"], c["column"]) == ("review_litigation", "admin_review", "pending"))
    lines = ogi("extract", str(page), "--text").stdout.splitlines()
    number, text = lines[pending["locator"]["line_start"] - 1].split(maxsplit=1)
    assert int(number) == pending["locator"]["line_start"]
    assert pending["raw"] == "1" and "1" in text.split(" | ")


def test_show_draws_the_pdf_value_boxed_on_its_page(tmp_path):
    from PIL import Image

    from tests.unit.conftest import CORPUS_DIR

    png = tmp_path / "granted.png"
    done = ogi("show", str(CORPUS_DIR / "huaian-city-2024.pdf"), "--cell", "requests.granted.total", "--out", str(png))
    assert done.returncode == 0, done.stderr
    assert "raw '1362'" in done.stdout and "page 4" in done.stdout  # hand-checked on page 4 of the PDF
    image = Image.open(png).convert("RGB")
    assert image.size == (1190, 1684)  # A4 at 2 px per point
    red = sum(1 for x in range(image.width) for y in range(1000, 1070) if image.getpixel((x, y)) == (220, 30, 30))
    assert red > 60, "no box drawn around the value"


def test_show_a_text_cell_marks_its_line(tmp_path):
    done = ogi("show", str(SEEDS_DIR / "004_4a8b712bfc0e61a8.txt"), "--cell", "requests.total_processed.total")
    assert done.returncode == 0, done.stderr
    assert "   519  2" in done.stdout
    missing = ogi("show", str(SEEDS_DIR / "004_4a8b712bfc0e61a8.txt"), "--cell", "requests.nothing.total")
    assert missing.returncode == 1 and "has no cell 'requests.nothing.total'" in missing.stderr


def test_extract_text_of_a_pdf_shows_each_line_with_its_page():
    from tests.unit.conftest import CORPUS_DIR

    done = ogi("extract", str(CORPUS_DIR / "huaian-city-2024.pdf"), "--text")
    assert done.returncode == 0, done.stderr
    assert "p4       83  (一)予以公开  1288  21  0  0  50  3  1362\n" in done.stdout
