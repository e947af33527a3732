"""The completeness contract and the line-break scrambling property, over generated reports.

- No silent loss: for every report whose text shows 表三 or 表四, every cell of that table's template
  is in the extraction, read or `unreadable` with a note (coverage.py). Checked over every layout, the
  seeds, the corpus, and scrambled reports.
- Scrambled line breaks (extractors.synthetic.scramble: breaks removed or replaced by a space at random,
  up to the whole page on one line): every 表三/表四 cell is still exact or flagged `unreadable`, never
  wrong and never absent. The readers must not depend on line breaks.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from extractors import extract_file
from extractors.evaluation import FAILING_VERDICTS, evaluate_results
from extractors.pipeline import SUPPORTED_SUFFIXES, extract_bytes
from extractors.synthetic import LAYOUTS, QUIRKS, generate_cases
from extractors.synthetic.scramble import scrambled_case
from extractors.templates import CONTRACT_TABLES, TEMPLATES
from tests.unit.conftest import CORPUS_DIR, SEEDS_DIR

SEED = 20261203
CASES_PER_LAYOUT = 30
SCRAMBLED_PER_LAYOUT = 40
_SHOWN = 12
TEXT_LAYOUTS = sorted(name for name, layout in LAYOUTS.items() if layout.ext in ("txt", "md") and not layout.pre2019)
TABLE_LAYOUTS = sorted(name for name, layout in LAYOUTS.items() if not layout.pre2019 and not layout.ocr)  # OCR: test_ocr.py


def absent_template_cells(result) -> list[str]:
    """Template cells of a shown 表三/表四 the extraction lacks: must always be empty."""
    if result.outcome != "extracted" or result.template not in TEMPLATES:
        return []
    out = []
    for table in CONTRACT_TABLES:
        present = {(c.row, c.column) for c in result.cells if c.table == table}
        if not present:
            continue  # the text does not show this table
        out += [f"{result.source_name}: {table}.{row}.{column} absent"
                for row, column in TEMPLATES[result.template].expected(table) if (row, column) not in present]
        out += [f"{result.source_name}: {c.table}.{c.row}.{c.column} unreadable without a note"
                for c in result.cells if c.table == table and c.semantic == "unreadable" and not c.note]
    return out


def _fail_with(problems: list[str], what: str) -> None:
    if problems:
        shown = "\n".join(problems[:_SHOWN]) + (f"\n… {len(problems) - _SHOWN} more" if len(problems) > _SHOWN else "")
        pytest.fail(f"{len(problems)} {what}:\n{shown}", pytrace=False)


@lru_cache(maxsize=None)
def _generated(layout: str, scrambled: bool):
    allowed = [q for q in QUIRKS if q != "gbk"] if scrambled else list(QUIRKS)
    count = SCRAMBLED_PER_LAYOUT if scrambled else CASES_PER_LAYOUT
    cases = generate_cases(count, SEED + scrambled, [layout], allowed)
    cases = [scrambled_case(c) for c in cases] if scrambled else list(cases)
    return tuple((c.filename, c.truth, extract_bytes(c.data, c.filename)) for c in cases)


@pytest.mark.parametrize("layout", TABLE_LAYOUTS)
def test_no_template_cell_is_absent_in_generated_reports(layout):
    problems = [p for _, _, result in _generated(layout, False) for p in absent_template_cells(result)]
    _fail_with(problems, "template cells absent")


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_no_template_cell_is_absent_when_line_breaks_are_scrambled(layout):
    problems = [p for _, _, result in _generated(layout, True) for p in absent_template_cells(result)]
    _fail_with(problems, "template cells absent")


def _real_files():
    files = [p for d in (SEEDS_DIR, CORPUS_DIR) for p in sorted(d.iterdir()) if p.suffix in SUPPORTED_SUFFIXES
             and p.name != "README.md"]
    assert len(files) >= 17, "seeds and corpus are listed from their directories: they shrank?"
    return files


def test_no_template_cell_is_absent_in_real_reports():
    problems = [p for path in _real_files() for p in absent_template_cells(extract_file(path))]
    _fail_with(problems, "template cells absent")


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_scrambled_line_breaks_never_make_a_cell_wrong_or_absent(layout):
    reports = evaluate_results(_generated(layout, True))
    checks = [c for r in reports for c in r.checks if c.table in CONTRACT_TABLES]
    assert checks, "no 表三/表四 cell was judged"
    _fail_with([c.describe() for c in checks if c.verdict in FAILING_VERDICTS], "cells silently wrong or absent")
    exact = sum(c.verdict == "exact" for c in checks) / len(checks)
    # A floor, not a target: scrambled blank-cell layouts lose real information (an empty line was the
    # cell), so much is flagged there; a reader that flags everything must still fail.
    assert exact > 0.4, f"only {exact:.0%} of the cells read exactly: the readers gave up on most of them"


DOCX_CASES = 120


def test_docx_reports_round_trip():
    # Word tables with merged cells (python-docx writes them, the reader reads the XML): every cell of
    # every table exact or flagged, every status right, every injected publisher error flagged.
    cases = generate_cases(DOCX_CASES, SEED + 7, ["docx"], list(QUIRKS))
    reports = evaluate_results([(c.filename, c.truth, extract_bytes(c.data, c.filename)) for c in cases])
    _fail_with([c.describe() for r in reports for c in r.checks if c.verdict in FAILING_VERDICTS],
               "cells silently wrong, absent or invented")
    _fail_with([f"{r.file}: expected {r.expected_status}, got {r.status}" for r in reports if not r.status_ok],
               "statuses wrong")
    _fail_with([f"{r.file}: {sorted(map(' '.join, e))}" for r in reports for e in r.errors_unflagged],
               "publisher errors not flagged")
    assert sum(1 for r in reports if r.truth_errors) >= 5, "too few publisher errors drawn to check"
