"""Scans read by OCR: 0 silently wrong. Generated reports printed and scanned (render_pdf.pack_pdf_scanned:
image-only pages, 150-200 dpi, blur, noise, JPEG), and the corpus PDF rasterised as a 150 dpi scan.
Every 表三/表四 cell is exact or flagged (`unreadable` with what OCR saw in its note); an OCR'd number
is kept only where the identities confirm its digits and its place (extractors/ocr.py)."""

from __future__ import annotations

import io
import json
from functools import lru_cache
from pathlib import Path

import pytest

from extractors import extract_bytes
from extractors.evaluation import FAILING_VERDICTS, evaluate_results
from extractors.synthetic import QUIRKS, generate_cases
from extractors.synthetic.render_pdf import CJK_FONT, CJK_FONT_PACKAGE
from tests.property.test_contract import _fail_with, absent_template_cells
from tests.unit.conftest import CORPUS_DIR

SCANNED_CASES = 4  # ~15 s of OCR each on one core


def _require_cjk_font() -> None:
    if not Path(CJK_FONT).is_file():
        pytest.fail(f"rendering generated pages needs a CJK font: `apt-get install {CJK_FONT_PACKAGE}` "
                    "(.ci/run installs it)", pytrace=False)


@lru_cache(maxsize=None)
def _scanned():
    _require_cjk_font()
    cases = list(generate_cases(SCANNED_CASES, 20261205, ["pdf_scanned"], [q for q in QUIRKS if q != "gbk"]))
    return tuple((c.filename, c.truth, extract_bytes(c.data, c.filename)) for c in cases)


def _huaian_as_scan() -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument((CORPUS_DIR / "huaian-city-2024.pdf").read_bytes())
    pages = [document[i].render(scale=150 / 72).to_pil().convert("RGB") for i in range(len(document))]
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=150)
    return out.getvalue()


def test_generated_scans_are_never_silently_wrong():
    extracted = _scanned()
    reports = evaluate_results(list(extracted))
    _fail_with([c.describe() for r in reports for c in r.checks if c.verdict in FAILING_VERDICTS],
               "cells silently wrong, absent or invented")
    _fail_with([p for _, _, r in extracted for p in absent_template_cells(r)], "template cells absent")
    for _, truth, result in extracted:
        assert result.encoding == "pdf-ocr"
        assert (result.agency_name, result.report_year, result.template) == (
            truth["agency_name"], truth["report_year"], truth["template"])
        ocr = [c for c in result.cells if c.table in ("requests", "review_litigation") and c.raw]
        assert all(c.confidence is not None and c.locator.page and c.locator.bbox for c in ocr if c.semantic == "number")
        assert all("read by OCR" in c.note for c in ocr if c.semantic == "number")
        assert all("OCR read" in c.note or c.note for c in ocr if c.semantic == "unreadable")
    exact = sum(c.verdict == "exact" for r in reports for c in r.checks)
    assert exact > 0.3 * sum(len(r.checks) for r in reports), "OCR confirmed almost nothing"


def test_the_corpus_pdf_scanned_is_never_silently_wrong():
    name = "huaian-city-2024.pdf"
    truth = json.loads((CORPUS_DIR / "huaian-city-2024.truth.json").read_text(encoding="utf-8"))
    result = extract_bytes(_huaian_as_scan(), name)
    (report,) = evaluate_results([(name, truth, result)])
    _fail_with([c.describe() for c in report.checks if c.verdict in FAILING_VERDICTS],
               "cells silently wrong, absent or invented")
    assert (result.agency_name, result.report_year, result.template) == ("淮安市人民政府", 2024, "2021")
    exact = sum(c.verdict == "exact" for c in report.checks)
    assert exact >= 100, f"only {exact} of {len(report.checks)} cells confirmed (127 when measured)"
