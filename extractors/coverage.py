"""No silent loss: every 表三/表四 cell of the template is in the output, read or `unreadable`.

The layout readers are fast and exact on the layouts they know. When they leave any template cell of a
table unread or absent, the character-stream reader (stream_table) reads the document again; per row
(表三) or per proceeding (表四) the reading that read every cell wins, a row both read differently is
`unreadable` (one of them is wrong and nothing says which), and whatever is still absent is emitted
`unreadable` with the reason. A table is covered when the text shows it: its section heading, or
enough of its row labels, or any cell a reader found.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Iterable, Sequence

from .model import Cell, Finding, Locator
from .stream_table import StreamTables, read_stream
from .templates import CONTRACT_TABLES, TEMPLATES
from .tokens import TableResult, unreadable_cell


def _group(cell: Cell) -> str:
    """The unit readings are compared and exchanged in: a 表三 row, a 表四 proceeding block."""
    return cell.row


def _fully_read(cells: Iterable[Cell], keys: set[tuple[str, str]]) -> bool:
    got = {(c.row, c.column) for c in cells if c.semantic != "unreadable"}
    return keys <= got


def is_complete(cells: Sequence[Cell], table: str, template: str) -> bool:
    expected = set(TEMPLATES[template].expected(table))
    return _fully_read((c for c in cells if c.table == table), expected)


def _values(cells: Iterable[Cell]) -> dict[tuple[str, str], tuple[str, float | None]]:
    return {(c.row, c.column): (c.semantic, c.value) for c in cells}


def merge_table(table: str, template: str, layout: list[Cell], stream: list[Cell]) -> tuple[list[Cell], list[str], int]:
    """(cells, warnings, groups taken from the stream) for one table."""
    expected = TEMPLATES[template].expected(table)
    groups = list(dict.fromkeys(r for r, _ in expected))
    by_layout, by_stream = defaultdict(list), defaultdict(list)
    for c in layout:
        by_layout[_group(c)].append(c)
    for c in stream:
        by_stream[_group(c)].append(c)
    layout_columns = {c.column for c in layout}
    stream_columns = {c.column for c in stream}
    same_columns = not layout or layout_columns == stream_columns or layout_columns <= stream_columns
    out: list[Cell] = []
    warnings: list[str] = []
    taken = 0
    extra = [c for c in layout if _group(c) not in groups]  # e.g. an optional 小计 column's rows
    for group in groups:
        keys = {(r, c) for r, c in expected if r == group}
        mine, theirs = by_layout.get(group, []), by_stream.get(group, [])
        layout_ok, stream_ok = _fully_read(mine, keys), _fully_read(theirs, keys)
        if layout_ok and stream_ok and any(
                _values(mine).get(k) != _values(theirs).get(k) for k in keys):
            shown = lambda cs: "|".join(str(_values(cs)[k][1]) for k in sorted(keys))  # noqa: E731
            note = (f"two readings disagree: the layout reader read {shown(mine)}, the character-stream reader "
                    f"{shown(theirs)}; which is right cannot be told")
            out.extend(unreadable_cell(c.table, c.row, c.column, c.raw, c.locator.line_start, c.locator.line_end,
                                       c.row_label, note=note) for c in mine)
            warnings.append(f"{table}: {group}: {note}")
        elif layout_ok or not (stream_ok and same_columns):
            out.extend(mine or theirs)
        else:
            out.extend(replace(c, note=(c.note + "; " if c.note else "") + "read from the character stream")
                       for c in theirs)
            out.extend(c for c in mine if (c.row, c.column) not in keys)  # a 小计 the stream does not read
            taken += 1
    return out + extra, warnings, taken


def absent_cells(cells: Sequence[Cell], table: str, template: str, columns: Sequence[str] = ()) -> list[Cell]:
    """`unreadable` cells for every template cell of `table` the output lacks."""
    present = {(c.row, c.column) for c in cells if c.table == table}
    lines = [c.locator.line_start for c in cells if c.table == table] or [1]
    extra_columns = [c for c in columns if c == "subtotal_org"] if table == "requests" else []
    keys = list(TEMPLATES[template].expected(table))
    if extra_columns:
        keys += [(r, c) for r in TEMPLATES[template].request_rows for c in extra_columns]
    return [unreadable_cell(table, row, column, "", min(lines), max(lines),
                            note="not found in the printed table: neither its label nor its numbers could be located")
            for row, column in keys if (row, column) not in present]


_IDENTITY_PREFIX = {"requests": "T3-", "review_litigation": "T4-"}


def cover_tables(result: TableResult, lines: Sequence[str], template: str | None) -> str | None:
    """Complete `result` in place (表三 and 表四); returns the template the stream saw when none was known."""
    if template == "pre2019":
        return None  # no national tables before the 2019 template
    contract_cells = {t: [c for c in result.cells if c.table == t] for t in CONTRACT_TABLES}
    known = template if template in TEMPLATES else None
    if known and all(is_complete(contract_cells[t], t, known) for t in CONTRACT_TABLES if contract_cells[t]) \
            and all(contract_cells.values()):
        return None  # both tables fully read by their layout readers: nothing to cover
    stream: StreamTables = read_stream(lines, known)
    template = known or stream.template
    if template not in TEMPLATES:
        return None
    readings = {"requests": stream.requests, "review_litigation": stream.review}
    others = [c for c in result.cells if c.table not in CONTRACT_TABLES]
    covered: list[Cell] = []
    for table in CONTRACT_TABLES:
        layout, found = contract_cells[table], readings[table]
        if not layout and found is None:
            continue  # the text does not show this table
        stream_cells = found.cells if found is not None else []
        if layout and is_complete(layout, table, template):
            cells = layout
        else:
            cells, warnings, taken = merge_table(table, template, layout, stream_cells)
            result.warnings.extend(warnings)
            if taken:
                result.warnings.append(f"{table}: the layout reader left cells unread or absent; {taken} "
                                       f"{'row' if table == 'requests' else 'block'}(s) read from the character stream")
                result.warnings.extend(w for w in (found.warnings if found else []) if w.startswith(table))
                # The layout reader's proofs rest on rows as it read them, and it misread some: the
                # stream's proofs (over the printed digits as the stream reads them) replace them.
                prefix = _IDENTITY_PREFIX[table]
                result.findings = [f for f in result.findings if not f.identity_id.startswith(prefix)]
                result.findings.extend(f for f in (found.findings if found else []) if f.identity_id.startswith(prefix))
        missing = absent_cells(cells, table, template, [c.column for c in cells])
        if missing:
            result.warnings.append(f"{table}: {len(missing)} cell(s) of the {template} template not found in the "
                                   "printed table; marked unreadable")
        covered.extend(cells + missing)
    result.cells = others + covered
    return stream.template if known is None else None


def completeness(cells: Sequence[Cell], table: str, template: str | None) -> tuple[int, int] | None:
    """(cells read, cells the template expects) for a table, None when the template has no such table."""
    if template not in TEMPLATES:
        return None
    expected = set(TEMPLATES[template].expected(table))
    read = {(c.row, c.column) for c in cells if c.table == table and c.semantic != "unreadable"}
    return len(expected & read), len(expected)


__all__ = ["absent_cells", "completeness", "cover_tables", "is_complete", "merge_table", "Finding", "Locator"]
