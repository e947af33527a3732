"""表二 (proactive, 第二十条): item blocks `第二十条第(N)项`, each with its own measure headers.

Columns follow the headers actually printed (the 2019 and 2021 templates measure different things,
and reports mix them), joining headers split over lines (本年新 / 制作数量). Cells covered by an HTML
span are dropped: a header or value merged over three positions is one column. Amount measures keep
the unit printed with the value, else the header's.
"""

from __future__ import annotations

import re
from typing import Sequence

from . import catalogue
from .labels import clean_label, match_proactive_item, match_proactive_measure
from .tokens import TableResult, Token, make_cell, read_label, take_values, unreadable_cell

BLOCK_HEADING = re.compile(rf"^{catalogue.PROACTIVE_BLOCK_ANCHOR}第\(([一二三四五六七八九十]+)\)项")
_HEADER_UNIT = re.compile(r"(亿元|万元|元)")
_AMOUNT_MEASURES = frozenset({"fee_amount", "procurement_amount"})
_INFO_CONTENT = clean_label("信息内容")  # the 表二 corner header, not a measure


def parse_proactive(tokens: Sequence[Token]) -> TableResult:
    result = TableResult([], [])
    blocks: list[list[Token]] = []
    for tok in tokens:
        if not tok.is_value and BLOCK_HEADING.match(tok.text):
            if not blocks or blocks[-1][0].line != tok.line:  # repeated over merged positions: one block
                blocks.append([tok])
        elif blocks:
            blocks[-1].append(tok)
    for number, block in enumerate(blocks):
        measures = _parse_block([t for t in block[1:] if t.line != block[0].line or t.pos is None], result)
        if number == 0:
            result.template_hint = proactive_template(measures)
    return result


def proactive_template(measures: list[tuple[str | None, str]]) -> str | None:
    """The template the (一) block's columns belong to: they differ between 2019 and 2021."""
    codes = {code for code, _ in measures}
    if codes & {"new_made", "new_published", "total_published"}:
        return "2019"
    if codes & {"issued", "repealed", "in_force"}:
        return "2021"
    return None


def _first_row_index(block: Sequence[Token]) -> int:
    """Index of the first row label: a label followed by values (on its own line or in its grid
    row), of which one is printed or the label names an item (a row of blanks is still a row; a
    header followed by empty padding cells is not)."""
    for idx in range(len(block) - 1):
        tok = block[idx]
        if tok.is_value:
            continue
        if tok.pos is None:
            values = [block[idx + 1]] if block[idx + 1].is_value else []
        else:
            values = [t for t in block[idx + 1:] if t.line == tok.line and t.is_value]
        if values and (any(v.text for v in values) or match_proactive_item(tok.text).code is not None):
            return idx
    return len(block)


_MEASURE_LABELS = tuple(sorted(
    ((clean_label(label), c.column, label) for c in catalogue.PROACTIVE_MEASURES for label in (c.label_zh, *c.variants)),
    key=lambda entry: -len(entry[0])))


def split_glued_header(text: str) -> list[tuple[str | None, str]] | None:
    """Measure headers printed without separators ('信息内容本年制发件数本年废止件数现行有效件数'),
    when the text is exactly a sequence of catalogue labels; else None."""
    rest = clean_label(text).removeprefix(_INFO_CONTENT)
    out: list[tuple[str | None, str]] = []
    while rest:
        hit = next(((code, label, cleaned) for cleaned, code, label in _MEASURE_LABELS if rest.startswith(cleaned)), None)
        if hit is None:
            return None
        out.append((hit[0], hit[1]))
        rest = rest[len(hit[2]):]
    return out or None


def merge_header(fragments: Sequence[str]) -> list[tuple[str | None, str]]:
    """Measure headers from printed fragments, joining headers split over lines (本年新 / 制作数量)
    and splitting headers glued together."""
    measures: list[tuple[str | None, str]] = []
    idx = 0
    while idx < len(fragments):
        alone = match_proactive_measure(fragments[idx])
        glued = split_glued_header(fragments[idx]) if alone.code is None else None
        if glued is not None and len(glued) > 1:
            measures.extend(glued)
            idx += 1
            continue
        if idx + 1 < len(fragments):
            joined_text = fragments[idx] + fragments[idx + 1]
            joined = match_proactive_measure(joined_text)
            if joined.code is not None and joined.score > alone.score:
                measures.append((joined.code, joined_text))
                idx += 2
                continue
        measures.append((alone.code, fragments[idx]))
        idx += 1
    return measures


def _parse_block(block: Sequence[Token], result: TableResult) -> list[tuple[str | None, str]]:
    first_row = _first_row_index(block)
    header = [t for t in block[:first_row] if not t.is_value and clean_label(t.text) != _INFO_CONTENT]
    if any(t.pos is not None for t in header):
        measures, positions = _grid_header(header)
    else:
        measures, positions = merge_header([t.text for t in header if not t.spanned]), None
    for code, text in measures:
        if code is None:
            result.warnings.append(f"proactive: unknown column header {text!r}; its cells are not emitted")
    idx = first_row
    while idx < len(block):
        tok = block[idx]
        if tok.pos is not None:
            idx = _grid_lines(result, block, idx, measures, positions)
        elif tok.is_value:
            idx += 1
        else:
            label, idx = read_label(block, idx, match_proactive_item)
            values, idx = take_values(block, idx, len(measures))
            if values:
                _emit_item(result, label, tok, values, measures)
    return measures


def _line_at(block: Sequence[Token], idx: int) -> tuple[list[Token], int]:
    end = idx
    while end < len(block) and block[end].line == block[idx].line and block[end].pos is not None:
        end += 1
    return list(block[idx:end]), end


def _grid_lines(result: TableResult, block: Sequence[Token], idx: int, measures: list[tuple[str | None, str]],
                positions: list[int] | None) -> int:
    """Read one grid item line (joined with the next when its label wrapped onto the line that
    carries its values); returns the index after what was read."""
    line, idx = _line_at(block, idx)
    label = next((t for t in line if not t.is_value), None)
    if label is None:
        return idx  # values without an item label: nothing to assign them to
    if idx < len(block) and block[idx].pos is not None and not any(t.text for t in line if t.is_value):
        nxt, after = _line_at(block, idx)
        joined = _wrapped_label(label.text, nxt)
        if joined is not None:
            label = Token(joined, label.line, False, label.pos)
            line, idx = [label, *nxt[nxt.index(_label_or_first(nxt)) + 1:]], after
            positions = None
    _grid_item(result, line, label, measures, positions)
    return idx


def _label_or_first(line: list[Token]) -> Token:
    return next((t for t in line if not t.is_value), line[0])


def _wrapped_label(label: str, nxt: list[Token]) -> str | None:
    """The whole label when the next line continues an item label and carries its values."""
    if not any(t.text for t in nxt if t.is_value):
        return None
    fragment = next((t.text for t in nxt if not t.is_value), "")
    if not fragment:
        return label if match_proactive_item(label).code else None
    joined = label + fragment
    if match_proactive_item(joined).score > max(match_proactive_item(label).score, match_proactive_item(fragment).score):
        return joined
    return None


def _grid_header(header: Sequence[Token]) -> tuple[list[tuple[str | None, str]], list[int]]:
    """Measures and their positions from the header line(s) of a grid: merged cells (spanned, or
    repeated by a Markdown converter) are one measure at their first position."""
    measures: list[tuple[str | None, str]] = []
    positions: list[int] = []
    last_line = max(t.line for t in header if t.pos is not None)
    previous = None
    for tok in header:
        if tok.line != last_line or tok.pos is None or tok.spanned or tok.text == previous:
            continue
        previous = tok.text
        measures.append((match_proactive_measure(tok.text).code, tok.text))
        positions.append(tok.pos)
    return measures, positions


def _grid_item(result: TableResult, line: list[Token], label: Token, measures: list[tuple[str | None, str]],
               positions: list[int] | None) -> None:
    width = 1 + max(positions) if positions else None
    if positions and len(line) >= width and all(line[p].is_value for p in positions):
        values = [line[p] for p in positions]
    else:
        values = [t for t in line[line.index(label) + 1:] if t.is_value and not t.spanned]
        while len(values) > len(measures) and not values[0].text:
            values.pop(0)  # empty cells left of the values (a wrapped label's column)
        while len(values) > len(measures) and not values[-1].text:
            values.pop()  # empty cells under a merged header
    _emit_item(result, label.text, label, values, measures)


def _emit_item(result: TableResult, label: str, tok: Token, values: list[Token],
               measures: list[tuple[str | None, str]]) -> None:
    item = match_proactive_item(label).code
    if item is None:
        result.warnings.append(f"proactive: unknown item label {label!r} at line {tok.line}; its "
                               f"{len(values)} values were not assigned")
        return
    if len(values) != len(measures):
        _unreadable_item(result, item, label, tok, values, measures)
        return
    printed = {(c.row, c.column) for c in result.cells}
    for (measure, header), value in zip(measures, values):
        if measure is None:
            continue
        if (item, measure) in printed:
            result.warnings.append(f"proactive: {item}/{measure} printed twice (again at line {value.line}); "
                                   "kept the first")
            continue
        result.cells.append(make_cell("proactive", item, measure, value, label, _measure_unit(measure, header)))


def _unreadable_item(result: TableResult, item: str, label: str, tok: Token, values: list[Token],
                     measures: list[tuple[str | None, str]]) -> None:
    raw = " ".join(v.text for v in values)
    last = values[-1].line if values else tok.line
    note = (f"row prints its values glued as {raw!r}: 表二 has no identity to cut them by"
            if len(values) == 1 and len(measures) > 1 else
            f"row prints {len(values)} values for {len(measures)} columns: which value is whose is unclear")
    for measure, _ in measures:
        if measure is not None:
            result.cells.append(unreadable_cell("proactive", item, measure, raw, tok.line, last, label, note=note))
    result.warnings.append(f"proactive: {item} at line {tok.line} prints {len(values)} values for {len(measures)} "
                           "columns; its cells are marked unreadable")


def _measure_unit(measure: str, header: str) -> str | None:
    if measure not in _AMOUNT_MEASURES:
        return "count"
    m = _HEADER_UNIT.search(header)
    return m.group(1) if m else None  # amount printed without a unit anywhere: unit unknown
