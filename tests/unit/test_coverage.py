"""coverage.py: the completeness contract and the choice between the layout and the stream readings."""

from __future__ import annotations

from extractors.coverage import absent_cells, completeness, merge_table
from extractors.model import Cell, Locator
from extractors.templates import TEMPLATES

COLUMNS = TEMPLATES["2021"].request_columns


def _row(row: str, values, note: str = "") -> list[Cell]:
    out = []
    for column, v in zip(COLUMNS, values):
        number = v is not None
        out.append(Cell("requests", row, column, "" if v is None else str(v), float(v) if number else None,
                        "count" if number else None, "number" if number else "blank", Locator(3, 3), note=note))
    return out


def _unread(row: str, raw: str) -> list[Cell]:
    return [Cell("requests", row, c, raw, None, None, "unreadable", Locator(3, 3), note="glued") for c in COLUMNS]


def _by(cells):
    return {(c.row, c.column): c for c in cells}


def test_absent_template_cells_come_back_unreadable_with_a_reason():
    cells = _row("new_received", [1, 0, 0, 0, 0, 0, 1])
    missing = absent_cells(cells, "requests", "2021")
    assert len(missing) == len(TEMPLATES["2021"].expected("requests")) - 7
    assert all(c.semantic == "unreadable" and "not found" in c.note for c in missing)
    assert completeness(cells + missing, "requests", "2021") == (7, 175)


def test_equal_readings_keep_the_layouts():
    layout = _row("granted", [2, 1, 0, 0, 0, 0, 3])
    stream = _row("granted", [2, 1, 0, 0, 0, 0, 3], note="stream")
    cells, warnings, taken = merge_table("requests", "2021", layout, stream)
    granted = [c for c in cells if c.row == "granted"]
    assert [c.note for c in granted] == [""] * 7 and taken == 0 and warnings == []


def test_readings_that_disagree_go_to_the_row_identity_else_unreadable():
    stream = _row("granted", [2, 1, 0, 0, 0, 0, 3])
    run_together = _row("granted", [21, 0, 0, 0, 0, None, 3])  # the same digits, cut elsewhere: breaks T3-ROW
    cells, _, taken = merge_table("requests", "2021", run_together, stream)
    assert _by(cells)[("granted", "natural_person")].value == 2 and taken == 1
    other_digits = _row("granted", [2, 0, 1, 0, 0, 0, 5])  # not even the same digits: nobody can tell
    cells, _, _ = merge_table("requests", "2021", other_digits, stream)
    assert "over different printed digits" in _by(cells)[("granted", "total")].note
    both_hold = _row("granted", [1, 2, 0, 0, 0, 0, 3])  # both keep T3-ROW: nobody can tell
    cells, warnings, _ = merge_table("requests", "2021", both_hold, stream)
    assert _by(cells)[("granted", "total")].semantic == "unreadable"
    assert "two readings disagree" in _by(cells)[("granted", "total")].note and warnings


def test_a_layout_row_missing_printed_digits_is_unreadable():
    # The text between the row's label and the next prints 2 1 0 0 0 0 0 3 (eight numbers run together
    # somewhere); the layout's cells print only seven: some printed digit is in no cell.
    layout = _row("granted", [2, 1, 0, 0, 0, 0, 3])
    stream = _unread("granted", "21000003 0")
    cells, warnings, _ = merge_table("requests", "2021", layout, stream)
    assert _by(cells)[("granted", "natural_person")].semantic == "unreadable"
    assert "digits" in _by(cells)[("granted", "natural_person")].note


def test_a_publishers_slip_the_stream_cannot_read_stays_as_printed():
    # 5 | _ | 3: T3-ROW fails and no split of its printed numbers into the empty cells explains it.
    layout = _row("granted", [5, None, None, None, None, None, 3])
    stream = _unread("granted", "5 3")
    cells, _, _ = merge_table("requests", "2021", layout, stream)
    assert (_by(cells)[("granted", "total")].semantic, _by(cells)[("granted", "total")].value) == ("number", 3)


def test_a_broken_row_a_lost_separator_explains_is_unreadable():
    # 43 | _ | 0 | 70 | 1 | 4 | 55 fails T3-ROW; 43 | 0 | 7 | 0 | 1 | 4 | 55 (70 split into the empty
    # cell) holds: two cells ran together, as a lost line break does.
    layout = _row("granted", [43, None, 0, 70, 1, 4, 55])
    stream = _unread("granted", "43 0 70 1 4 55")
    cells, _, _ = merge_table("requests", "2021", layout, stream)
    assert _by(cells)[("granted", "total")].semantic == "unreadable"


def test_a_table_without_heading_or_template_hint_still_owes_every_cell():
    # Three rows under a 申请人情况 header, no heading, no (六) row, no year hint: the contract falls back
    # to a template and the 172 other cells come back unreadable, not absent.
    from extractors.pipeline import extract_bytes
    text = "\n".join([
        "某某市人民政府2021年政府信息公开工作年度报告", "一、总体情况", "本机关主动公开政府信息100条。",
        "申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计",
        "一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5",
        "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0",
        "（一）予以公开 | 5 | 0 | 0 | 0 | 0 | 0 | 5", "五、存在的主要问题及改进情况", "无。"])
    result = extract_bytes(text.encode(), "x.txt")
    cells = [c for c in result.cells if c.table == "requests"]
    assert len(cells) == len({(c.row, c.column) for c in cells}) == 175
    assert sum(c.semantic == "number" for c in cells) == 21


def test_taking_the_streams_row_never_leaves_two_cells_for_one_key():
    subtotal = Cell("requests", "granted", "subtotal_org", "1", 1.0, "count", "number", Locator(3, 3))
    layout = _row("granted", [21, 0, 0, 0, 0, None, 3]) + [subtotal]
    stream = _row("granted", [2, 1, 0, 0, 0, 0, 3]) + [subtotal]
    cells, _, _ = merge_table("requests", "2021", layout, stream)
    keys = [(c.row, c.column) for c in cells]
    assert len(keys) == len(set(keys))
