"""extractors.ocr.confirm_by_identities: an OCR'd number is kept only where the identities confirm
its digits and its place; hand-made 表四 cells as OCR would hand them over."""

from __future__ import annotations

from extractors.model import Cell, Locator
from extractors.ocr import confirm_by_identities

_OUTCOMES = ("upheld", "corrected", "other", "pending", "total")
_BLOCKS = ("admin_review", "litigation_direct", "litigation_after_review")


def _review(values: dict[str, list[int]], lines: dict[str, int]) -> list[Cell]:
    return [Cell("review_litigation", block, outcome, str(v), float(v), "count", "number",
                 Locator(lines[block], lines[block], None, None), confidence=0.9)
            for block in _BLOCKS for outcome, v in zip(_OUTCOMES, values[block])]


def _text(cells: list[Cell], extra: dict[int, str] | None = None) -> list[str]:
    lines = [""] * 10
    for c in cells:
        lines[c.locator.line_end - 1] += f" {c.raw}"
    for number, text in (extra or {}).items():
        lines[number - 1] += text
    return lines


def test_a_block_on_one_line_whose_total_holds_is_confirmed():
    cells = _review({"admin_review": [1, 2, 0, 0, 3], "litigation_direct": [0, 0, 0, 0, 0],
                     "litigation_after_review": [5, 0, 1, 0, 6]}, {b: 3 for b in _BLOCKS})
    out = confirm_by_identities(cells, "2021", _text(cells))
    assert all(c.semantic == "number" and "confirmed by" in c.note for c in out)


def test_a_block_whose_total_fails_is_unreadable_with_what_ocr_saw():
    cells = _review({"admin_review": [1, 2, 0, 0, 8], "litigation_direct": [0, 0, 0, 0, 0],
                     "litigation_after_review": [5, 0, 1, 0, 6]}, {b: 3 for b in _BLOCKS})
    out = {(c.row, c.column): c for c in confirm_by_identities(cells, "2021", _text(cells))}
    assert out[("admin_review", "total")].semantic == "unreadable"
    assert out[("admin_review", "total")].raw == "8"
    assert "OCR read '8' (confidence 0.90); an identity it is a term of fails" in out[("admin_review", "total")].note
    assert out[("litigation_after_review", "upheld")].semantic == "number"


def test_a_sum_that_holds_over_two_lines_does_not_confirm_the_places():
    # OCR put a cell on the next line: the values may have shifted along the row, the sum still holds.
    cells = _review({"admin_review": [1, 2, 0, 0, 3], "litigation_direct": [0, 0, 0, 0, 0],
                     "litigation_after_review": [5, 0, 1, 0, 6]}, {b: 3 for b in _BLOCKS})
    cells[0] = Cell(**{**{f: getattr(cells[0], f) for f in cells[0].__slots__}, "locator": Locator(4, 4)})
    out = {(c.row, c.column): c for c in confirm_by_identities(cells, "2021", _text(cells))}
    assert {out[("admin_review", o)].semantic for o in _OUTCOMES} == {"unreadable"}
    assert "no identity confirms both its digits and its place" in out[("admin_review", "upheld")].note


def test_a_number_on_the_line_that_no_cell_took_withholds_the_confirmation():
    # OCR dropped a cell and another number took its place: the line prints one number more than the cells.
    cells = _review({"admin_review": [1, 2, 0, 0, 3], "litigation_direct": [0, 0, 0, 0, 0],
                     "litigation_after_review": [5, 0, 1, 0, 6]}, {b: 3 for b in _BLOCKS})
    out = confirm_by_identities(cells, "2021", _text(cells, {3: " 7"}))
    assert {c.semantic for c in out} == {"unreadable"}


def test_cells_not_read_by_ocr_pass_through():
    cell = Cell("requests", "granted", "total", "5", 5.0, "count", "number", Locator(1, 1))
    assert confirm_by_identities([cell], "2021", ["5"]) == [cell]
