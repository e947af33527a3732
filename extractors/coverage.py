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

from . import catalogue
from .model import Cell
from .requests_table import check_columns
from .segment import ROW_ONLY_CUT, leading_zero
from .stream_table import StreamTables, make_stream, printed_values, read_stream
from .templates import CONTRACT_TABLES, TEMPLATES
from .tokens import TableResult, unreadable_cell, with_note


def _group(cell: Cell) -> str:
    """The unit readings are compared and exchanged in: a 表三 row, a 表四 proceeding block."""
    return cell.row


def _fully_read(cells: Iterable[Cell], keys: set[tuple[str, str]]) -> bool:
    """Every key read, and no cell printed with a leading zero (`00`, `012`: nobody prints those, they
    are two cells run together by a lost separator)."""
    cells = list(cells)
    got = {(c.row, c.column) for c in cells if c.semantic != "unreadable"}
    return keys <= got and not any(leading_zero(c.raw) for c in cells if (c.row, c.column) in keys)


def is_complete(cells: Sequence[Cell], table: str, template: str) -> bool:
    expected = set(TEMPLATES[template].expected(table))
    return _fully_read((c for c in cells if c.table == table), expected)


def _values(cells: Iterable[Cell]) -> dict[tuple[str, str], tuple[str, float | None]]:
    return {(c.row, c.column): (c.semantic, c.value) for c in cells}


_GROUP_IDENTITY = {"requests": "T3-ROW", "review_litigation": "its block's total (T4)"}


def _shown(value: float | None) -> str:
    return "_" if value is None else (str(int(value)) if float(value).is_integer() else str(value))


def _ordered(keys: set[tuple[str, str]], expected: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    return [k for k in expected if k in keys]


def _number(cell: Cell) -> float | None:
    return cell.value if cell.semantic == "number" else None


def _group_holds(table: str, cells: Sequence[Cell]) -> bool:
    """The group's own identity, blanks read as zero: a 表三 row's total is natural_person plus the
    five organisations (T3-ROW); a 表四 block's total is the sum of its four outcomes."""
    by = {c.column: (_number(c) or 0) for c in cells}
    if table == "requests":
        if "total" not in by:
            return False
        return by["total"] == by.get("natural_person", 0) + sum(by.get(c, 0) for c in catalogue.ORGANISATION_COLUMNS)
    return by.get("total", 0) == sum(by.get(o, 0) for o in catalogue.OUTCOMES if o != "total")


def _printed_digits(cells: Sequence[Cell]) -> str | None:
    """The digits a row's cells print, in the order they were emitted (the printed column order, a
    小计 included): the values read, or for unread cells the printed run they could not be cut from
    (every unread cell of a row carries the same run). None when the unread cells differ."""
    unread = {c.raw for c in cells if c.semantic == "unreadable"}
    if len(unread) > 1:
        return None
    if unread:
        return "".join(ch for ch in next(iter(unread)) if ch.isdigit())
    return "".join(ch for c in cells for ch in c.raw if ch.isdigit())


_MAX_SPLITS = 2  # empty cells a run-together number may have taken: more is no longer one slip of structure


def _split_explains(table: str, cells: Sequence[Cell]) -> bool:
    """True when the row's own identity fails as read, yet holds once printed numbers are split to fill
    its empty cells (at most _MAX_SPLITS): every printed boundary kept, only numbers cut, as a lost
    separator does (`7` `0` read as `70`). A publisher's slip is not explained that way."""
    order = [c for c in cells if c.column != "subtotal_org"]
    printed = [c.raw.strip() for c in order if c.semantic == "number" and c.raw.strip().isdigit()]
    missing = len(order) - len(printed)
    if not 0 < missing <= _MAX_SPLITS or len(printed) + missing != len(order) or \
            any(c.semantic not in ("number", "blank") for c in order):
        return False
    for reading in _splits_into(printed, missing):
        fake = [replace(c, value=float(v), semantic="number") for c, v in zip(order, reading)]
        if _group_holds(table, fake):
            return True
    return False


def _splits_into(parts: list[str], extra: int):
    """Every way to cut `extra` more printed integers out of `parts`, keeping their order."""
    if extra == 0:
        yield [int(p) for p in parts]
        return
    for i, part in enumerate(parts):
        for cut in range(1, len(part)):
            head, tail = part[:cut], part[cut:]
            if (head == "0" or head[0] != "0") and (tail == "0" or tail[0] != "0"):
                yield from _splits_into(parts[:i] + [head, tail] + parts[i + 1:], extra - 1)


def identities_fail(cells: Sequence[Cell], table: str, template: str) -> bool:
    """True when a printed-number reading of `table` breaks one of the table's own identities: the
    layout reading is then checked against the stream's (a misread line structure shows here first;
    a publisher's slip also does, and then both readings agree)."""
    mine = [c for c in cells if c.table == table]
    groups: dict[str, list[Cell]] = defaultdict(list)
    for c in mine:
        groups[c.row].append(c)
    if any(not _group_holds(table, g) for g in groups.values()):
        return True
    if table != "requests":
        return False
    rows = set(groups) | set(TEMPLATES[template].other_rows)
    return bool(check_columns(mine, rows, catalogue.APPLICANT_COLUMNS).failing)


def _unread(cells: Iterable[Cell], note: str) -> list[Cell]:
    """Every cell of the group `unreadable` with `note`, a printed 小计 included: a 小计 read from a row
    whose other cells cannot be is no reading."""
    return [unreadable_cell(c.table, c.row, c.column, c.raw, c.locator.line_start, c.locator.line_end, c.row_label,
                            note=note) for c in cells]


def _not_in(cells: Iterable[Cell], taken: Iterable[Cell]) -> list[Cell]:
    """`cells` whose (row, column) `taken` does not already hold: one cell per key, never two."""
    keys = {(c.row, c.column) for c in taken}
    return [c for c in cells if (c.row, c.column) not in keys]


def _lone_blank_total(cells: Sequence[Cell], totals_printed: int) -> bool:
    by = {c.column: c for c in cells}
    total = by.get("total")
    return (total is not None and total.semantic == "blank" and totals_printed >= 2
            and any(c.semantic == "number" and c.value for c in cells if c.column != "total"))


def _noted(cells: Iterable[Cell], note: str) -> list[Cell]:
    return [with_note(c, note) for c in cells]


def merge_table(table: str, template: str, layout: list[Cell], stream: list[Cell]) -> tuple[list[Cell], list[str], int]:
    """(cells, warnings, groups taken from the stream) for one table. Per group (a 表三 row, a 表四
    proceeding), with `ok` meaning every template cell read and none printed with a leading zero:

    - both ok and equal: the layout's; both ok and different: the one whose own identity holds
      (T3-ROW, the block's total) when only one does, else `unreadable`;
    - only the layout ok: its cells, unless (表三) the digits they print are not the digits printed
      between the row's label and the next: then `unreadable`;
    - only the stream ok: the stream's, when both readings see the same columns;
    - neither: the layout's cells (its unreadable ones say why), a leading-zero cell made unreadable.
    """
    expected = TEMPLATES[template].expected(table)
    groups = list(dict.fromkeys(r for r, _ in expected))
    by_layout, by_stream = defaultdict(list), defaultdict(list)
    for c in layout:
        by_layout[_group(c)].append(c)
    for c in stream:
        by_stream[_group(c)].append(c)
    layout_columns = {c.column for c in layout}
    stream_columns = {c.column for c in stream}
    # A 小计 column one reader saw in the header and the other did not: the other misread every row.
    layout_trusted = (not stream or "subtotal_org" in layout_columns or "subtotal_org" not in stream_columns) and (
        table != "requests" or not layout or set(catalogue.APPLICANT_COLUMNS) <= layout_columns)
    distrust = "" if layout_trusted else "misses a column of the header (its 小计, or an applicant column)"
    stream_trusted = not layout or layout_columns == stream_columns or "subtotal_org" in stream_columns
    if table == "review_litigation" and layout and stream and len({c.raw for c in stream}) == 1 and all(
            c.semantic == "unreadable" for c in stream):
        # The stream could not read 表四's one run of values; the layout's cells must still print
        # exactly the digits of that run, in order, or it lost or invented some.
        ordered = sorted(layout, key=lambda c: expected.index((c.row, c.column)) if (c.row, c.column) in expected else 99)
        if _printed_digits(ordered) != _printed_digits(stream):
            layout_trusted = False
            distrust = (f"prints the digits {_printed_digits(ordered)!r}, not the table's run "
                        f"{_printed_digits(stream)!r}")
    # Where the layout shows blank cells, a glued run may have lost one: a cut only T3-ROW confirms is
    # then no reading (the column identities must single it out).
    blanks_printed = any(c.semantic == "blank" for c in layout)
    # A cell printed with a leading zero (`00`) shows the layout reader met lines run together in this
    # table: a row it read that breaks its own identity may then be misread rather than misprinted.
    # So does a row broken as read that a split of its printed numbers into its empty cells repairs
    # (`4` `9` read as `49`): there, the empty cells of the other rows sit where nothing says they do.
    split_rows = {g for g, cells in by_layout.items() if g in groups and not _group_holds(table, cells)
                  and _split_explains(table, cells)}
    structure_broken = bool(split_rows) or any(
        leading_zero(c.raw) for c in layout if c.semantic != "unreadable")
    totals_printed = sum(1 for c in layout if c.column == "total" and c.semantic == "number")
    out: list[Cell] = []
    warnings: list[str] = []
    taken = 0
    extra = [c for c in layout if _group(c) not in groups]
    for group in groups:
        keys = {(r, c) for r, c in expected if r == group}
        mine, theirs = by_layout.get(group, []), by_stream.get(group, [])
        layout_ok = layout_trusted and _fully_read(mine, keys)
        stream_ok = stream_trusted and _fully_read(theirs, keys) and not (
            blanks_printed and any(ROW_ONLY_CUT in c.note for c in theirs))
        shown = lambda cs: "|".join(_shown(_values(cs).get(k, (None, None))[1]) for k in _ordered(keys, expected))  # noqa: E731
        identity = _GROUP_IDENTITY[table]
        note = ""
        mine_values, their_values = _values(mine), _values(theirs)
        if layout_ok and stream_ok and any(mine_values.get(k) != their_values.get(k) for k in keys):
            holds_layout, holds_stream = _group_holds(table, mine), _group_holds(table, theirs)
            disagree = (f"two readings disagree: the layout reader read {shown(mine)}, the character-stream reader "
                        f"{shown(theirs)}")
            if table == "requests" and _printed_digits(mine) != _printed_digits(theirs):
                # They do not even account for the same printed digits: one lost some, and an identity
                # that holds over blanks read as zero proves nothing about the other.
                note = f"{disagree}, over different printed digits; which is right cannot be told"
                out.extend(_unread(mine, note))
            elif holds_stream and not holds_layout:
                note = f"{disagree}; only the stream's keeps {identity}: taken"
                out.extend(_noted(theirs, note) + _not_in(mine, theirs))
                taken += 1
            elif holds_layout and not holds_stream:
                note = f"{disagree}; only the layout's keeps {identity}: taken"
                out.extend(_noted(mine, note))
            else:
                note = f"{disagree}; the identities do not tell which is right"
                out.extend(_unread(mine, note))
        elif layout_ok and stream_ok:
            out.extend(mine)
        elif layout_ok:
            seen = _printed_digits(theirs) if table == "requests" and theirs and stream_trusted else None
            read = _printed_digits(mine)
            if structure_broken and (not _group_holds(table, mine) or any(c.semantic == "blank" for c in mine)):
                note = (f"the layout reader read {shown(mine)}, which breaks {identity} or prints empty cells, in a table "
                        "where it met cells run together (a leading zero, or a number that splits into an empty cell), "
                        "and the character-stream reader could not read the row")
                out.extend(_unread(mine, note))
            elif theirs and not _group_holds(table, mine) and _split_explains(table, mine):
                # Broken as read, yet its printed digits cut another way add up: the line structure may
                # have lost a separator (`7` `0` run together as `70`), which a publisher's slip would not
                # explain. The stream could not read the row either, so neither reading is asserted.
                note = (f"the layout reader read {shown(mine)}, which breaks {identity}, but splitting printed numbers "
                        f"into the row's empty cells (two cells run together, `7` `0` as `70`) makes {identity} hold, "
                        "and the character-stream reader could not read the row")
                out.extend(_unread(mine, note))
            elif seen is not None and seen != read:
                note = (f"the layout reader's cells print the digits {read!r}, but the text between this row's label "
                        f"and the next prints {seen!r}: some printed digits are not in the cells, or some cells "
                        "were not printed")
                out.extend(_unread(mine, note))
            elif theirs and table == "requests" and _lone_blank_total(mine, totals_printed):
                # A row whose values are printed but whose 总计 alone is empty, in a table that prints its
                # totals: the empty cell is more likely elsewhere (a line lost) than the total missing.
                note = (f"the layout reader read {shown(mine)}: values without their 总计, in a table whose other rows "
                        "print theirs, and the character-stream reader could not place the row's values")
                out.extend(_unread(mine, note))
            else:
                out.extend(mine)
        elif stream_ok:
            out.extend(_noted(theirs, "read from the character stream") + _not_in(mine, theirs))
            taken += 1
        elif mine:
            glued = any(leading_zero(c.raw) and c.semantic != "unreadable" for c in mine)
            seen = _printed_digits(theirs) if table == "requests" and theirs and stream_trusted else None
            lost = seen is not None and seen != _printed_digits(mine)
            if (glued or lost or not layout_trusted) and any(
                    c.semantic != "unreadable" for c in mine if (c.row, c.column) in keys):
                why = ("prints a cell with a leading zero (two cells run together)" if glued else
                       f"does not print the digits {seen!r} printed between its label and the next" if lost else
                       distrust)
                note = f"the layout reader read part of the row, which {why}, and the character-stream reader could not read it"
                out.extend(_unread(mine, note))
            else:
                out.extend(mine)
        elif theirs:
            doubt = ("the header seen by the layout reader has columns this reading lacks" if not stream_trusted else
                     "a cell prints a leading zero (two cells run together)" if any(
                         leading_zero(c.raw) for c in theirs if c.semantic != "unreadable") else
                     "its cut is confirmed by T3-ROW alone in a table that prints blank cells" if blanks_printed and any(
                         ROW_ONLY_CUT in c.note for c in theirs if c.semantic != "unreadable") else "")
            if doubt and any(c.semantic != "unreadable" for c in theirs):
                note = f"the character-stream reader read part of the row, but {doubt}"
                out.extend(_unread(theirs, note))
            else:
                out.extend(theirs)
        if note:
            warnings.append(f"{table}: {group}: {note}")
    # A row the decided template does not have was read by the layout reader under the other form (a
    # wrapped (六) sub-row read as the 2019 form's single (六) row): the template's rows account for the
    # printed digits, so it is said, not emitted twice.
    warnings += [f"{table}: row {row} read at line {min(c.locator.line_start for c in cells)} is not a row of "
                 f"the {template} template; not emitted"
                 for row, cells in _by_row(extra).items()]
    return out, warnings, taken


def _by_row(cells: list[Cell]) -> dict[str, list[Cell]]:
    out: dict[str, list[Cell]] = defaultdict(list)
    for c in cells:
        out[c.row].append(c)
    return out


def absent_cells(cells: Sequence[Cell], table: str, template: str, columns: Sequence[str] = ()) -> list[Cell]:
    """`unreadable` cells for every template cell of `table` the output lacks."""
    present = {(c.row, c.column) for c in cells if c.table == table}
    lines = [c.locator.line_start for c in cells if c.table == table] or [1]
    extra_columns = ["subtotal_org"] if table == "requests" and "subtotal_org" in columns else []
    keys = list(TEMPLATES[template].expected(table))
    if extra_columns:
        keys += [(r, c) for r in TEMPLATES[template].request_rows for c in extra_columns]
    return [unreadable_cell(table, row, column, "", min(lines), max(lines),
                            note="not found in the printed table: neither its label nor its numbers could be located")
            for row, column in keys if (row, column) not in present]


_IDENTITY_PREFIX = {"requests": "T3-", "review_litigation": "T4-"}


def cover_tables(result: TableResult, lines: Sequence[str], template: str | None,
                 year_template: str | None = None) -> str | None:
    """Complete `result` in place (表三 and 表四).

    `template` is what the printed tables say (the layout readers' (六) rows); `year_template` what
    the statistics year suggests. The stream's own reading of the (六) rows wins over the year; the
    year decides when neither tells; with no year either, the (六) rows the layout read (one row:
    2019), else 2021. Returns the template the contract was checked against, None when the text shows
    neither table."""
    contract_cells = {t: [c for c in result.cells if c.table == t] for t in CONTRACT_TABLES}
    known = template if template in TEMPLATES else None
    by_year = year_template if year_template in TEMPLATES else None
    # The layout's (六) rows are weak evidence against the year (a wrapped or garbled (六) sub-row reads
    # as the 2019 form's single row): then the stream decides on its own evidence, then the year.
    trusted = known if by_year is None or known == by_year else None
    settled = {t for t in CONTRACT_TABLES if trusted and _settled(result, lines, t, trusted)}
    if len(settled) == len(CONTRACT_TABLES):
        return trusted  # both tables read whole, every printed digit in its cell, every identity holding
    stream: StreamTables = read_stream(lines, trusted or by_year, skip_requests="requests" in settled)
    readings = {"requests": stream.requests, "review_litigation": stream.review}
    shown = [t for t in CONTRACT_TABLES if contract_cells[t] or readings[t] is not None]
    if not shown:
        return known
    fallback = "2019" if any(c.row == "other_total" for c in contract_cells["requests"]) else "2021"
    template = trusted or stream.template or by_year or fallback
    others = [c for c in result.cells if c.table not in CONTRACT_TABLES]
    covered: list[Cell] = []
    for table in shown:
        layout, found = contract_cells[table], readings[table]
        if table in settled:
            covered.extend(layout)
            continue
        stream_cells = found.cells if found is not None else []
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
        # A 小计 column either reader saw is printed: its cells are owed too.
        missing = absent_cells(cells, table, template, [c.column for c in (*cells, *stream_cells)])
        if missing:
            result.warnings.append(f"{table}: {len(missing)} cell(s) of the {template} template not found in the "
                                   "printed table; marked unreadable")
        covered.extend(_one_per_key(cells + missing, result.warnings, table))
    result.cells = others + covered
    return template


def _settled(result: TableResult, lines: Sequence[str], table: str, template: str) -> bool:
    """The layout reading of `table` needs no second reading: every template cell read as a printed
    number (no blank whose place the order alone cannot confirm, nothing unreadable), the table's own
    identities hold, and its cells print exactly the digits printed in the table's region, in order
    (sub-row numbering aside). The stream could only read the same numbers in the same order."""
    cells = [c for c in result.cells if c.table == table]
    region = result.regions.get(table)
    if not cells or region is None or not is_complete(cells, table, template) or identities_fail(cells, table, template):
        return False
    if any(c.semantic != "number" or leading_zero(c.raw) for c in cells):
        return False
    stream = make_stream(lines, *region)
    printed = "".join(ch for v in printed_values(stream, 0, len(stream.text)) for ch in v.text if ch.isdigit())
    order = {key: n for n, key in enumerate(TEMPLATES[template].expected(table))}
    if table == "requests":  # a 小计 column sits before the total in printed order
        columns = [*catalogue.APPLICANT_COLUMNS[:-1], "subtotal_org", "total"]
        rows = TEMPLATES[template].request_rows
        order = {(r, c): n for n, (r, c) in enumerate((r, c) for r in rows for c in columns)}
    ordered = sorted(cells, key=lambda c: order.get((c.row, c.column), len(order)))
    return printed == "".join(ch for c in ordered for ch in c.raw if ch.isdigit())


def _one_per_key(cells: list[Cell], warnings: list[str], table: str) -> list[Cell]:
    """One cell per (row, column): a second one is a bug of ours, never data; the first stays, and the
    warning says so."""
    seen: set[tuple[str, str]] = set()
    out = []
    for c in cells:
        if (c.row, c.column) in seen:
            warnings.append(f"{table}: {c.row}.{c.column} emitted twice by the readers; the first kept (a bug: "
                            "please report)")
            continue
        seen.add((c.row, c.column))
        out.append(c)
    return out


def completeness(cells: Sequence[Cell], table: str, template: str | None) -> tuple[int, int] | None:
    """(cells read, cells the template expects) for a table, None when the template has no such table."""
    if template not in TEMPLATES:
        return None
    expected = set(TEMPLATES[template].expected(table))
    read = {(c.row, c.column) for c in cells if c.table == table and c.semantic != "unreadable"}
    return len(expected & read), len(expected)


__all__ = ["absent_cells", "completeness", "cover_tables", "is_complete", "merge_table"]
