"""表三 (requests) from table tokens, in any layout.

1. The header (everything before the first labelled row with values) names the columns. In a grid
   (HTML, Markdown, `|`/tab/space rows) each position's header stack is matched, so the columns are
   the ones printed, in the printed order, at their printed positions: an extra 小计 or a missing
   column cannot shift values. A cell-per-line header has lost its geometry (a three-level header
   flattens as 自然人, 法人或其他组织, 总计, 商业企业 …): there the template order is used, with 小计
   when printed.
2. Rows: a grid row is one line (its outer label cells give the group); in a cell-per-line layout a
   label is followed by up to N value tokens. A row that lost its label is placed from the template
   sequence only when the rows around it leave exactly one place; otherwise its cells are
   `unreadable`.
3. Values go to columns by position when the row lines up with the header, else in order when the
   count matches. Glued rows (`640020470`) are cut once every other row is read, with T3-ROW and the
   column identities (segment.solve_glued_rows): a cut is taken only where it is the only one left. A
   short row (blank cells vanished in a space-separated layout) is placed where T3-ROW leaves one
   placement, or, failing that, like the table's other short rows when they all left the same column
   blank (a column blank throughout).
Nothing is repaired and nothing is guessed: every other case is `unreadable`, with a note on each
cell and a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Iterable, NamedTuple, Sequence

from . import catalogue
from .labels import clean_label, match_applicant, match_group_heading, match_request_row, split_group_prefix
from .model import Cell, Finding, Locator
from .segment import (Equation, GluedTable, RowReading, always_broken, every_cut, request_row_readings,
                      row_total_can_hold, solve_glued_rows)
from .tokens import TableResult, Token, make_cell, piece_tokens, read_label, unreadable_cell
from .values import parse_value

_T = "requests"
_SUBTOTAL = clean_label(catalogue.REQUEST_SUBTOTAL_HEADER)
_GLUED_SUBTOTAL = clean_label("其他" + catalogue.REQUEST_SUBTOTAL_HEADER)  # …法律服务机构其他小计 (glued header)
_MIN_HEADER_CODES = 3  # fewer matched column headers is not a header we can read positions from
_TEMPLATE_ORDER = ("natural_person", *catalogue.ORGANISATION_COLUMNS, "subtotal_org", "total")
_HEADER_SCAN = 60  # a cell-per-line header is short: stop looking for 小计 after this many tokens


@dataclass(frozen=True, slots=True)
class Columns:
    codes: tuple[str, ...]  # data order
    positions: tuple[int, ...] | None = None  # grid position of each code, when read from a grid header
    width: int | None = None  # the header grid's width
    grid_header: bool = False  # the header was printed as grid lines (even if its positions were unusable)


@dataclass(slots=True)
class Row:
    code: str | None
    label: str
    values: list[Token]  # value cells in order (spanned continuations left out)
    line: int
    tokens: list[Token] = field(default_factory=list)  # every cell of a grid row line, for positions
    heading: bool = False  # printed no value cell: a heading or a header line
    flagged: bool = False  # already reported (a row without label that could not be placed)
    unreadable: bool = False  # its values cannot be told from a neighbour's: cells emitted unreadable
    group: str | None = None  # the group heading in force where the row was printed


# ---------------------------------------------------------------- columns

def request_columns(tokens: Sequence[Token]) -> tuple[str, ...]:
    """Applicant columns in data order for a cell-per-line header: the template order, plus
    subtotal_org when the header prints 小计."""
    columns = ["natural_person", *catalogue.ORGANISATION_COLUMNS]
    for idx, tok in enumerate(tokens):
        if tok.is_value or idx > _HEADER_SCAN:
            break  # the header is over at the first value
        if clean_label(tok.text) == _SUBTOTAL or clean_label(tok.text).endswith(_GLUED_SUBTOTAL):
            columns.append("subtotal_org")
            break
    columns.append("total")
    return tuple(columns)


def header_stacks(tokens: Sequence[Token]) -> dict[int, list[str]]:
    """Grid header texts per position, top to bottom, spans resolved and repeats dropped."""
    stacks: dict[int, list[str]] = {}
    for tok in tokens:
        if tok.pos is None or not tok.text:
            continue
        stack = stacks.setdefault(tok.pos, [])
        if not stack or stack[-1] != tok.text:
            stack.append(tok.text)
    return stacks


def _leaf_code(stack: Sequence[str]) -> str | None:
    """The applicant type a header stack names: its bottom text, or the bottom two joined (a label
    split over two header rows: 商业 / 企业)."""
    code = match_applicant(stack[-1]).code
    if code is None and len(stack) >= 2:
        code = match_applicant(stack[-2] + stack[-1]).code
    return code


def grid_columns(tokens: Sequence[Token]) -> Columns | None:
    """Columns from a grid header, None when the header is not a readable grid."""
    stacks = header_stacks(tokens)
    found: list[tuple[int, str]] = []
    for pos in sorted(stacks):
        code = _leaf_code(stacks[pos])
        if code is not None and (not found or found[-1][1] != code):
            found.append((pos, code))  # a spanned header repeats its code: keep its first position
    codes = [c for _, c in found]
    if len(found) < _MIN_HEADER_CODES or len(set(codes)) != len(codes) or "total" not in codes:
        return None
    canonical = sorted(codes, key=_TEMPLATE_ORDER.index)
    if codes != canonical:
        # 总计 before the organisations, or the organisations out of order: the header's lines ran
        # together or its geometry was flattened, so its positions say nothing about the rows'. The
        # rows are read in the template order (the national form's), like a cell-per-line header.
        return Columns(tuple(canonical))
    width = 1 + max(t.pos for t in tokens if t.pos is not None)
    return Columns(tuple(codes), tuple(p for p, _ in found), width, grid_header=True)


def header_columns(tokens: Sequence[Token]) -> Columns:
    grid = grid_columns(tokens) if any(t.pos is not None for t in tokens) else None
    if grid is not None and grid.positions is not None:
        return grid
    # Printed as grid lines: most of its cells sit in row lines (a cell-fragment header whose lines
    # partly ran together is still a cell-per-line header).
    gridded = sum(t.pos is not None for t in tokens) * 2 >= len(tokens) > 0
    return Columns(grid.codes if grid else request_columns(tokens), grid_header=gridded)


def header_end(tokens: Sequence[Token]) -> int:
    """Index of the first token of the first row: the first label naming a 表三 row (总计 is also a
    column header, and the first row is never the total) or a group heading."""
    for idx, tok in enumerate(tokens):
        if tok.is_value:
            continue
        label, _ = read_label(tokens, idx, match_request_row)
        code = match_request_row(label).code
        if code is None and tok.pos is not None:  # a label wrapped onto the next grid line
            tail = _next_line_label(tokens, idx)
            joined = match_request_row(label + tail)
            code = joined.code if joined.score > match_request_row(tail).score else None
        if code not in (None, "total_processed") or match_group_heading(label).code is not None:
            return _line_start(tokens, idx)
    return len(tokens)


def _next_line_label(tokens: Sequence[Token], idx: int) -> str:
    line = tokens[idx].line
    nxt = next((t for t in tokens[idx:] if t.line != line), None)
    if nxt is None or nxt.pos is None:
        return ""
    return next((t.text for t in tokens[idx:] if t.line == nxt.line and not t.is_value), "")


def _line_start(tokens: Sequence[Token], idx: int) -> int:
    if tokens[idx].pos is None:
        return idx
    while idx > 0 and tokens[idx - 1].line == tokens[idx].line:
        idx -= 1
    return idx


# ---------------------------------------------------------------- rows

def _update_group(label: str, group: str | None) -> str | None:
    """The group heading a label names, or prints before its sub-row ('(三)不予公开1.属于…')."""
    heading = match_group_heading(label).code or split_group_prefix(label)[0]
    return heading if heading is not None else group


def _grid_row(line_tokens: list[Token], group: str | None) -> tuple[Row, str | None]:
    labels = [t for t in line_tokens if not t.is_value]
    last_label = max((i for i, t in enumerate(line_tokens) if not t.is_value), default=-1)
    values = [t for t in line_tokens[last_label + 1:] if not t.spanned]
    own = [t for t in labels if not t.spanned] or labels
    label = own[-1].text if own else ""
    for outer in labels:
        if outer.text != label:
            group = _update_group(outer.text, group)
    group = split_group_prefix(label)[0] or group
    code = match_request_row(label, group).code if label else None
    if _is_heading(code, label, values):
        return Row(None, label, values, line_tokens[0].line, line_tokens, heading=True, group=group), \
            _update_group(label, group)
    return Row(code, label, values, line_tokens[0].line, line_tokens, group=group), group


def _is_heading(code: str | None, label: str, values: list[Token]) -> bool:
    """No value cell, or only empty ones under a label that names no data row."""
    return not values or (bool(label) and code is None and not any(v.text for v in values))


def _stream_row(tokens: Sequence[Token], idx: int, width: int, group: str | None) -> tuple[Row, int, str | None]:
    tok = tokens[idx]
    if tok.is_value:
        values, idx = _stream_values(tokens, idx, width)
        return Row(None, "", values, tok.line), idx, group
    label, idx = read_label(tokens, idx, lambda t: match_request_row(t, group))
    values, idx = _stream_values(tokens, idx, width)
    group = split_group_prefix(label)[0] or group
    code = match_request_row(label, group).code
    if _is_heading(code, label, values):
        return Row(None, label, [], tok.line, heading=True, group=group), idx, _update_group(label, group)
    # Empty cells printed on the line of the next row's label (two lines run together): they may be
    # that row's, so where this row's empty cells sit cannot be told.
    shares = bool(values) and not values[-1].text and idx < len(tokens) and not tokens[idx].is_value \
        and tokens[idx].line == values[-1].line
    return Row(code, label, values, tok.line, group=group, unreadable=shares), idx, group


def _stream_values(tokens: Sequence[Token], idx: int, width: int) -> tuple[list[Token], int]:
    """Up to `width` value cells printed one per line (a row line starts another row)."""
    values: list[Token] = []
    while idx < len(tokens) and len(values) < width and tokens[idx].is_value and tokens[idx].pos is None:
        values.append(tokens[idx])
        idx += 1
    return values, idx


def printed_rows(tokens: Sequence[Token], width: int) -> list[Row]:
    rows: list[Row] = []
    group: str | None = None
    idx = 0
    while idx < len(tokens):
        if tokens[idx].pos is not None:
            end = idx
            while end < len(tokens) and tokens[end].line == tokens[idx].line and tokens[end].pos is not None:
                end += 1
            row, group = _grid_row(list(tokens[idx:end]), group)
            idx = end
        else:
            row, idx, group = _stream_row(tokens, idx, width, group)
        rows.append(row)
    return _merge_split_rows(rows)


def _printed_nothing(row: Row) -> bool:
    return not any(v.text for v in row.values)


def _continuation_code(prev: Row, row: Row) -> str | None:
    """The row code when `row` continues `prev`: a label printed on one line (its cells empty or
    absent) whose values follow on the next line, with or without the rest of the label."""
    if not prev.label or not _printed_nothing(prev) or _printed_nothing(row):
        return None
    if not row.label:  # only the values moved: a heading naming a data row takes them
        return match_request_row(prev.label, prev.group).code if prev.heading else None
    # Joined, the two labels must read better than either alone: two whole labels joined read worse.
    # (Both halves may name the same row, 部分公开( / 区分处理的…: then joined names it too.)
    joined = match_request_row(prev.label + row.label, prev.group)
    first, second = match_request_row(prev.label, prev.group), match_request_row(row.label, prev.group)
    if joined.code is None:
        return None
    if joined.score > max(first.score, second.score) or joined.code == first.code == second.code:
        return joined.code
    if second.code is None and joined.code == first.code and joined.score >= first.score:
        return joined.code  # a fragment that names nothing alone and keeps the match (scores capped at 1)
    return None


def _label_tail_code(prev: Row, row: Row) -> str | None:
    """The row code when `row` is only the rest of `prev`'s label, wrapped below the line that
    printed the values (pdftotext): joined, the label must read better than before."""
    if prev.heading or not row.heading or not row.label or match_group_heading(row.label).code is not None:
        return None
    joined = match_request_row(prev.label + row.label, prev.group)
    before = match_request_row(prev.label, prev.group)
    if joined.code is None or joined.score < before.score or (before.code and joined.code != before.code):
        return None
    if joined.score == before.score and match_request_row(row.label, prev.group).code is not None:
        return None
    return joined.code


def _blank_fragments_code(prev: Row, row: Row) -> str | None:
    """Two label fragments on lines of empty cells that only joined name a row: a wrapped row that
    printed nothing ('1.信访举报' / '投诉类申请'; '二、上年结转' / '政府信息公开申请数量', whose second
    half alone looks like another row: joined, the label must read better than it)."""
    if not (prev.heading and prev.label and row.label and row.values and _printed_nothing(row)):
        return None
    if any(match_group_heading(x).code for x in (prev.label, row.label)):
        return None
    first, second = match_request_row(prev.label, prev.group), match_request_row(row.label, prev.group)
    joined = match_request_row(prev.label + row.label, prev.group)
    if first.code is not None or joined.code is None:
        return None
    if second.code is not None and joined.score <= max(first.score, second.score):
        return None
    return joined.code


def _merge_split_rows(rows: list[Row]) -> list[Row]:
    """Join rows whose label wrapped onto the line that carries the values, or whose label's rest
    wrapped onto the line below the values (PDF text)."""
    out: list[Row] = []
    for row in rows:
        prev = out[-1] if out else None
        blank = _blank_fragments_code(prev, row) if prev is not None else None
        if blank is not None:
            out[-1] = Row(blank, prev.label + row.label, row.values, prev.line, row.tokens, group=prev.group)
            continue
        code = _continuation_code(prev, row) if prev is not None else None
        if code is not None:
            out[-1] = Row(code, prev.label + row.label, row.values, prev.line, row.tokens, group=prev.group)
            continue
        tail = _label_tail_code(prev, row) if prev is not None else None
        if tail is not None:
            prev.code, prev.label = tail, prev.label + row.label
            continue
        out.append(row)
    return out


# ---------------------------------------------------------------- rows without labels

def _template_of(codes: set[str]) -> str | None:
    if codes & set(catalogue.OTHER_ROWS_2021):
        return "2021"
    return "2019" if "other_total" in codes else None


def _expected_between(before: str | None, after: str | None, seen: set[str], template: str) -> list[str]:
    seq = catalogue.REQUEST_SEQUENCE[template]
    lo = seq.index(before) + 1 if before in seq else 0
    hi = seq.index(after) if after in seq else len(seq)
    return [c for c in seq[lo:hi] if c not in seen]


def place_unlabelled(rows: list[Row], result: TableResult, columns: Columns) -> None:
    """Give each run of rows that lost their label the codes the template sequence leaves between
    its neighbours, when it leaves exactly as many as the run has rows; otherwise the expected rows'
    cells are emitted `unreadable`. A run next to a row whose label matched nothing is never placed."""
    data = [r for r in rows if not r.heading and (r.code is not None or any(v.text for v in r.values))]
    seen = {r.code for r in data if r.code}
    template = _template_of(seen)
    idx = 0
    while idx < len(data):
        if data[idx].code is not None:
            idx += 1
            continue
        end = idx
        while end < len(data) and data[end].code is None:
            end += 1
        run = data[idx:end]
        before = data[idx - 1].code if idx > 0 else None
        after = data[end].code if end < len(data) else None
        prev = data[idx - 1] if idx else None
        if not any(r.label for r in run) and not _wrapped_values(prev, run, after, seen, template):
            if prev is not None and prev.code is not None and _printed_nothing(prev):
                prev.unreadable = True  # its values may be this run's: printed on the next line
                result.warnings.append(f"requests: row {prev.code} at line {prev.line} printed no value and is "
                                       "followed by values without a label; which row they belong to is unclear")
                _place_run(run, before, after, seen, template, result, columns, ambiguous=True)
            else:
                _place_run(run, before, after, seen, template, result, columns)
        idx = end


def _wrapped_values(prev: Row | None, run: list[Row], after: str | None, seen: set[str],
                    template: str | None) -> bool:
    """A labelled row that printed nothing, then one row of values without label, with no template
    row left between them and the next row: the values wrapped onto their own line. Moves them."""
    if prev is None or prev.code is None or len(run) != 1 or not _printed_nothing(prev):
        return False
    templates = (template,) if template else ("2019", "2021")
    if any(_expected_between(prev.code, after, seen, t) for t in templates):
        return False
    prev.values, prev.tokens = run[0].values, run[0].tokens
    run[0].flagged = True
    run[0].heading = True  # nothing of its own left to emit
    return True


def _place_run(run: list[Row], before: str | None, after: str | None, seen: set[str], template: str | None,
               result: TableResult, columns: Columns, ambiguous: bool = False) -> None:
    options = {tuple(_expected_between(before, after, seen, t)) for t in ((template,) if template else ("2019", "2021"))}
    expected = next(iter(options)) if len(options) == 1 else None
    lines = f"lines {run[0].line}-{run[-1].line}"
    if expected is not None and len(expected) == len(run) and not ambiguous:
        for row, code in zip(run, expected):
            row.code = code
            seen.add(code)
        result.warnings.append(f"requests: {len(run)} row(s) without a label at {lines} read as "
                               f"{', '.join(expected)} (the only rows the template leaves between "
                               f"{before or 'the start'} and {after or 'the end'})")
        return
    targets = expected or ()
    for row in run:
        row.flagged = True
    for code in targets:
        seen.add(code)
        for column in columns.codes:
            result.cells.append(unreadable_cell(_T, code, column, "", run[0].line, run[-1].line,
                                                note=f"row lost its label: {len(run)} unlabelled row(s) at lines "
                                                     f"{run[0].line}-{run[-1].line} cannot be placed"))
    result.warnings.append(f"requests: {len(run)} row(s) without a label at {lines} cannot be placed between "
                           f"{before or 'the start'} and {after or 'the end'}; "
                           + (f"rows {', '.join(targets)} marked unreadable" if targets else "values not assigned"))


# ---------------------------------------------------------------- values -> cells

def _positional(row: Row, columns: Columns) -> bool:
    """The row lines up with the header: same width, values under every header column, and no
    printed value under a position the header does not name (it would be dropped)."""
    if columns.positions is None or not row.tokens or len(row.tokens) != columns.width:
        return False
    named = set(columns.positions)
    tail = row.tokens[min(columns.positions):]
    return all(row.tokens[p].is_value for p in columns.positions) and all(
        t.is_value and (t.pos in named or t.spanned or not t.text) for t in tail)


@dataclass(slots=True)
class Deferred:
    """Rows read once every other row is: glued runs (cut with the column identities, which need the
    other rows) and short rows that T3-ROW leaves open (placed like the table's other short rows)."""

    glued: dict[str, tuple[Row, Token]] = field(default_factory=dict)
    short: dict[str, tuple[Row, list[Token], list[tuple[int, ...]]]] = field(default_factory=dict)
    blanks: list[frozenset[int]] = field(default_factory=list)  # missing columns of short rows placed alone
    full_rows: int = 0  # rows that print a value for every column


def _runs_into_another_row(row: Row) -> bool:
    """A grid line carrying printed values before the row's own label: two rows run together."""
    last_label = max((i for i, t in enumerate(row.tokens) if not t.is_value), default=-1)
    return any(t.is_value and t.text for t in row.tokens[:last_label])


def row_cells(code: str, row: Row, columns: Columns, result: TableResult, deferred: Deferred | None = None) -> None:
    """The row's cells into `result`; glued and ambiguous short rows go to `deferred` (without one,
    they are read at once, from this row alone)."""
    if deferred is None:
        deferred = Deferred()
        row_cells(code, row, columns, result, deferred)
        read_deferred(deferred, columns, result)
        return
    n = len(columns.codes)
    if _positional(row, columns):
        for column, pos in zip(columns.codes, columns.positions):
            tok = row.tokens[pos]
            if tok.spanned:  # one printed value merged over two columns: which one is it?
                result.cells.append(unreadable_cell(_T, code, column, tok.text, tok.line, tok.line, row.label,
                                                    note="one printed value spans two columns"))
            else:
                result.cells.append(make_cell(_T, code, column, tok, row.label))
        deferred.full_rows += 1
        return
    values = list(row.values)
    while len(values) > n and not values[0].text:
        values.pop(0)  # empty label cells of a row that lost its label
    if any(v.doubtful for v in values) and not _positional(row, columns):
        _unreadable_row(code, row, columns, result, "prints an empty cell beside `||` on a line of cell fragments run "
                        "together: an empty cell or padding, which cannot be told")
        return
    if not columns.grid_header and any(v.pos is not None for v in values) and any(not v.text for v in values):
        # A row printed as a grid line under a header that is not a grid (lines of cell fragments run
        # together): the empty cells' columns cannot be told.
        _unreadable_row(code, row, columns, result, "is printed as one line of cells under a header without a grid, "
                        "with empty cells whose columns cannot be told")
        return
    if columns.positions is not None and _runs_into_another_row(row) and any(not v.text for v in values):
        # Two rows' lines run together (values printed before this row's label) and the row prints
        # empty cells: which columns the empty ones are cannot be told from the order alone.
        _unreadable_row(code, row, columns, result, "shares its line with another row's values and prints empty "
                        "cells, so their columns cannot be told")
        return
    if len(values) == n:
        result.cells.extend(make_cell(_T, code, c, v, row.label) for c, v in zip(columns.codes, values))
        deferred.full_rows += 1
    elif len(values) == 1 and values[0].text.isdigit() and len(values[0].text) >= n:
        deferred.glued[code] = (row, values[0])
    elif len(values) < n:
        _short(code, row, values, columns, result, deferred)
    else:
        _unreadable_row(code, row, columns, result, f"has {len(values)} values for {n} columns")


def _unreadable_row(code: str, row: Row, columns: Columns, result: TableResult, why: str) -> None:
    raw = " ".join(v.text for v in row.values)
    last = row.values[-1].line if row.values else row.line
    note = f"row {why}"
    result.cells.extend(unreadable_cell(_T, code, c, raw, row.line, last, row.label, note=note) for c in columns.codes)
    result.warnings.append(f"requests: row {code} at line {row.line} {why}; its cells are marked unreadable")


def read_deferred(deferred: Deferred, columns: Columns, result: TableResult) -> None:
    _read_short_rows(deferred, columns, result)
    if deferred.glued:
        _read_glued_rows(deferred.glued, columns, result)


# ---------------------------------------------------------------- glued rows

def total_adds_up(reading: Sequence[int], columns: Sequence[str]) -> bool:
    """The row's total is natural_person plus the organisations (a 小计 column aside): the check behind
    reading a glued row whose total column disagrees with the column identities (a slip carried into
    the total, which a publisher may not carry into the 小计)."""
    by = dict(zip(columns, reading))
    return "total" in by and by["total"] == by.get("natural_person", 0) + sum(
        by.get(c, 0) for c in catalogue.ORGANISATION_COLUMNS)


def column_equations(codes: set[str]) -> dict[str, Equation]:
    """T3-FLOW and T3-RES, by identity id, as row equations holding in every column; T3-RES only when
    the rows tell the template (one (六) row or three)."""
    flow: Equation = (("new_received", "carried_over"), ("total_processed", "carried_forward"))
    template = _template_of(codes)
    if template is None:
        return {"T3-FLOW": flow}
    others = catalogue.OTHER_ROWS_2021 if template == "2021" else ("other_total",)
    return {"T3-FLOW": flow, "T3-RES": (("total_processed",), catalogue.OUTCOME_ROWS + others)}


class ColumnCheck(NamedTuple):
    """Applicant columns by how T3-FLOW and T3-RES come out over printed numbers: a column where one
    instance holds and another fails is in both sets."""

    holding: frozenset[str]
    failing: frozenset[str]
    unassessable: frozenset[str]  # an instance with a term that is not a printed number


def check_columns(cells: Iterable[Cell], rows: set[str], columns: Sequence[str]) -> ColumnCheck:
    """T3-FLOW and T3-RES (column_equations over `rows`) in each applicant column of `columns`, judged
    on the 表三 cells' printed numbers: the one evaluation the readers' confirmations share."""
    value = {(c.row, c.column): c.value for c in cells if c.table == _T and c.semantic == "number"}
    holding: set[str] = set()
    failing: set[str] = set()
    unassessable: set[str] = set()
    for plus, minus in column_equations(rows).values():
        for column in catalogue.APPLICANT_COLUMNS:
            if column not in columns:
                continue
            terms = [value.get((r, column)) for r in (*plus, *minus)]
            if any(t is None for t in terms):
                unassessable.add(column)
            else:
                (holding if sum(terms[:len(plus)]) == sum(terms[len(plus):]) else failing).add(column)
    return ColumnCheck(frozenset(holding), frozenset(failing), frozenset(unassessable))


_ROW_READINGS_SHOWN = 10  # readings counted for a note; more are 'at least 10'
_PROOF_CUTS = 256  # most cuts of one glued row enumerated to prove a column identity broken


def _read_glued_rows(glued: dict[str, tuple[Row, Token]], columns: Columns, result: TableResult) -> None:
    codes = columns.codes
    known = {}
    for cell in result.cells:
        if cell.table == _T and cell.column in codes:
            known.setdefault(cell.row, [None] * len(codes))[codes.index(cell.column)] = _integer(cell)
    equations = column_equations(set(known) | set(glued))
    table = GluedTable(
        known=known, glued={code: tok.text for code, (_, tok) in glued.items()},
        equations=tuple(equations.values()), width=len(codes),
        total_at=codes.index("total") if "total" in codes else None,
        row_readings=lambda digits: request_row_readings(digits, codes, limit=_ROW_READINGS_SHOWN),
        row_holds=lambda reading: total_adds_up(reading, codes), readings_limit=_ROW_READINGS_SHOWN)
    verdicts = solve_glued_rows(table)
    for code, verdict in verdicts.items():
        _emit_glued(code, *glued[code], verdict, columns, result)
    _prove_broken(glued, verdicts, known, equations, codes, result)


def _prove_broken(glued: dict[str, tuple[Row, Token]], verdicts: dict[str, RowReading],
                  known: dict[str, list[int | None]], equations: dict[str, Equation], codes: Sequence[str],
                  result: TableResult) -> None:
    """Findings for identity instances through unread glued cells that no cut of the printed digits
    lets hold: T3-ROW of a row none of whose cuts adds up, and a T3-FLOW/T3-RES column that fails under
    every combination of every cut of its glued rows (read ones included, with all their cuts, so the
    proof never rests on a reading we chose). Only instances with an unread cell get a finding: the
    others are judged from their numbers."""
    unread = {code: verdict.cells for code, verdict in verdicts.items() if not verdict.complete}
    if not unread:
        return
    for code in unread:
        row, token = glued[code]
        if not row_total_can_hold(token.text, codes):
            result.findings.append(Finding(
                "T3-ROW", code,
                f"no cut of the glued digits {token.text!r} into {len(codes)} numbers makes the total the sum of "
                "natural_person and the five organisation columns", Locator(row.line, token.line)))
    cuts = {code: found for code, (_, token) in glued.items()
            if (found := every_cut(token.text, len(codes), _PROOF_CUTS))}
    by_index = list(equations.items())
    for equation, column in sorted(always_broken(tuple(equations.values()), known, cuts, len(codes))):
        identity, (plus, minus) = by_index[equation]
        through = [code for code, cells in unread.items() if code in (*plus, *minus) and cells[column] is None]
        if codes[column] not in catalogue.APPLICANT_COLUMNS or not through:
            continue  # a 小计 column is no identity's scope; an instance with every cell read is judged from them
        used = [code for code in cuts if code in (*plus, *minus)]
        runs = ", ".join(f"{code} {glued[code][1].text!r}" for code in used)
        lines = [line for code in used for line in (glued[code][0].line, glued[code][1].line)]
        result.findings.append(Finding(
            identity, codes[column],
            f"fails in this column under every cut of glued row{'s' if len(used) > 1 else ''} {runs}, the other "
            "rows as printed", Locator(min(lines), max(lines))))


def _integer(cell) -> int | None:
    return int(cell.value) if cell.semantic == "number" and cell.value is not None and cell.value.is_integer() else None


def _emit_glued(code: str, row: Row, token: Token, verdict: RowReading, columns: Columns, result: TableResult) -> None:
    off = columns.codes[verdict.off] if verdict.off is not None else None
    pieces = piece_tokens(token, verdict.cells)
    for column, value, piece in zip(columns.codes, verdict.cells, pieces):
        if value is None:
            result.cells.append(unreadable_cell(_T, code, column, token.text, row.line, token.line, row.label,
                                                note=verdict.how))
            continue
        note = verdict.how + ("; this cell disagrees with the column identities: printed as such" if column == off else "")
        result.cells.append(make_cell(_T, code, column, piece, row.label, note=note))
    if not verdict.complete:
        unread = [c for c, v in zip(columns.codes, verdict.cells) if v is None]
        result.warnings.append(f"requests: row {code} at line {token.line}: {verdict.how}; "
                               f"{'its' if len(unread) == len(columns.codes) else ', '.join(unread)} cells are "
                               "marked unreadable")
        return
    result.warnings.append(f"requests: row {code} at line {token.line} prints its cells glued as {token.text!r}; read "
                           f"as {'|'.join(map(str, verdict.cells))} ({verdict.how.split(': ', 1)[-1]})"
                           + (f"; {off} disagrees with the column identities" if off else ""))


# ---------------------------------------------------------------- short rows

def short_row_placements(values: Sequence[float | None], columns: Sequence[str], limit: int | None = 2) -> list[tuple[int, ...]]:
    """Column indices where `values` (printed in order) can sit in a row of `columns` whose other
    cells vanished as blanks, keeping T3-ROW true with blanks read as 0 (a blank total: not
    assessable). At most `limit` placements are returned."""
    out: list[tuple[int, ...]] = []
    total_at = columns.index("total") if "total" in columns else None
    addends = [i for i, c in enumerate(columns) if c not in ("total", "subtotal_org")]
    for combo in combinations(range(len(columns)), len(values)):
        row: list[float | None] = [None] * len(columns)
        for i, v in zip(combo, values):
            row[i] = v
        if total_at is None or row[total_at] is None or sum(row[i] or 0 for i in addends) == row[total_at]:
            out.append(combo)
            if limit is not None and len(out) >= limit:
                break
    return out


def _short(code: str, row: Row, values: list[Token], columns: Columns, result: TableResult,
           deferred: Deferred) -> None:
    numbers = [parse_value(v.text).value for v in values]
    if any(v.text and n is None for v, n in zip(values, numbers)):
        _unreadable_row(code, row, columns, result, f"has {len(values)} of {len(columns.codes)} values")
        return
    placements = short_row_placements(numbers, columns.codes, limit=None)
    total_at = columns.codes.index("total") if "total" in columns.codes else None
    # A placement that leaves the total blank keeps T3-ROW only because nothing can be checked: it is
    # never taken on its own (glued or merged cells look exactly like a row that lost its total).
    confirmed = [p for p in placements if total_at is None or total_at in p]
    if len(placements) == 1 and not confirmed:
        # Evidence for a column blank throughout (the table's other short rows), never a reading alone.
        deferred.blanks.append(frozenset(range(len(columns.codes))) - frozenset(placements[0]))
        deferred.short[code] = (row, values, placements)
    elif len(placements) == 1:
        deferred.blanks.append(frozenset(range(len(columns.codes))) - frozenset(placements[0]))
        _place_short(code, row, values, placements[0], columns, result, "the only placement where T3-ROW holds")
    elif not placements:
        _unreadable_row(code, row, columns, result, f"has {len(values)} of {len(columns.codes)} values and no "
                        "placement of them keeps T3-ROW")
    else:
        deferred.short[code] = (row, values, placements)


_MIN_AGREEING_ROWS = 2  # short rows placed on their own that must agree before others follow them


def common_blank_columns(blanks: Sequence[frozenset[int]], full_rows: int = 0) -> frozenset[int] | None:
    """The columns every short row placed on its own left blank, when at least two such rows left
    exactly the same ones and no row prints every column: a column left blank throughout, which a
    space-separated layout cannot show. None otherwise."""
    found = set(blanks)
    if full_rows or len(found) != 1 or len(blanks) < _MIN_AGREEING_ROWS:
        return None
    return found.pop()


def _read_short_rows(deferred: Deferred, columns: Columns, result: TableResult) -> None:
    blank = common_blank_columns(deferred.blanks, deferred.full_rows)
    names = ", ".join(columns.codes[i] for i in sorted(blank)) if blank else ""
    placed: list[str] = []
    for code, (row, values, placements) in deferred.short.items():
        like_others = tuple(i for i in range(len(columns.codes)) if i not in blank) if blank else None
        if like_others in placements:
            _place_short(code, row, values, like_others, columns, result,
                         f"placed like the table's other short rows: {names} blank throughout "
                         f"({len(placements)} placements keep T3-ROW in this row alone)")
            placed.append(code)
        else:
            _unreadable_row(code, row, columns, result, f"has {len(values)} of {len(columns.codes)} values and "
                            f"{len(placements)} placements keep T3-ROW" + (
                                f" (none leaves {names} blank like the other rows)" if blank else ""))
    if placed and not _columns_confirm(result, columns):
        # A column blank throughout is a pattern, not a proof: the column identities over the rows as
        # placed must hold where they can be checked, or the rows lost cells some other way.
        result.cells[:] = [
            unreadable_cell(_T, c.row, c.column, c.raw, c.locator.line_start, c.locator.line_end, c.row_label,
                            note="row printed fewer values than columns; placed like the table's other short rows, "
                                 "the column identities (T3-FLOW/T3-RES) then fail: not read")
            if c.row in placed and c.table == _T else c for c in result.cells]
        result.warnings.append(f"requests: rows {', '.join(placed)} would be placed like the table's other short rows, "
                               "but the column identities then fail; their cells are marked unreadable")


def _columns_confirm(result: TableResult, columns: Columns) -> bool:
    """T3-FLOW and T3-RES hold where all their terms are printed numbers, in every applicant column
    but at most one (a publisher's slip stays, as printed, like a glued row's), and hold in two at least."""
    check = check_columns(result.cells, {c.row for c in result.cells if c.table == _T}, columns.codes)
    return len(check.failing) <= 1 and len(check.holding - check.failing) >= 2


def _place_short(code: str, row: Row, values: list[Token], placement: tuple[int, ...], columns: Columns,
                 result: TableResult, why: str) -> None:
    by_index = dict(zip(placement, values))
    missing = [c for i, c in enumerate(columns.codes) if i not in by_index]
    note = f"row printed {len(values)} of {len(columns.codes)} values; {', '.join(missing)} read as blank, {why}"
    for i, column in enumerate(columns.codes):
        tok = by_index.get(i) or Token("", row.line, True)
        result.cells.append(make_cell(_T, code, column, tok, row.label, note=note))
    result.warnings.append(f"requests: row {code} at line {row.line} has {len(values)} of {len(columns.codes)} "
                           f"values; read {', '.join(missing)} as blank, {why}")


# ---------------------------------------------------------------- the table

def parse_requests(tokens: Sequence[Token]) -> TableResult:
    start = header_end(tokens)
    columns = header_columns(tokens[:start])
    rows = printed_rows(tokens[start:], len(columns.codes))
    result = TableResult([], [])
    place_unlabelled(rows, result, columns)
    _emit(rows, columns, result)
    result.template_hint = _template_of({c.row for c in result.cells})
    flag_absent_rows(result, columns)
    return result


def flag_absent_rows(result: TableResult, columns: Columns) -> None:
    """A row the table's template has but that was not found among the printed rows gets its cells
    as `unreadable` with a note: a 表三 cell is read or flagged, never silently missing."""
    present = {c.row for c in result.cells if c.table == _T}
    if result.template_hint is None or not present:
        return
    absent = [code for code in catalogue.REQUEST_SEQUENCE[result.template_hint] if code not in present]
    if not absent:
        return
    lines = [c.locator.line_start for c in result.cells if c.table == _T]
    for code in absent:
        for column in columns.codes:
            result.cells.append(unreadable_cell(_T, code, column, "", min(lines), max(lines),
                                                note="row not found in the printed table"))
    result.warnings.append(f"requests: rows {', '.join(absent)} not found in the table "
                           f"(lines {min(lines)}-{max(lines)}); their cells are marked unreadable")


def _emit(rows: list[Row], columns: Columns, result: TableResult) -> None:
    seen = {c.row for c in result.cells}
    has_2021_rows = any(r.code in catalogue.OTHER_ROWS_2021 for r in rows)
    deferred = Deferred()
    for row in rows:
        if row.heading:
            _warn_unknown_heading(row, result)
            continue
        if row.code is None:
            if not row.flagged and (row.label or any(v.text for v in row.values)):
                result.warnings.append(f"requests: unknown row label {row.label!r} at line {row.line}; its "
                                       f"{len(row.values)} values were not assigned")
            continue
        if row.code == "other_total" and has_2021_rows:
            if any(v.text for v in row.values):
                result.warnings.append(f"requests: (六)其他处理 subtotal row at line {row.line} not emitted "
                                       "(2021 template: its three sub-rows are)")
            continue
        if row.code in seen:
            result.warnings.append(f"requests: row {row.code} printed twice (again at line {row.line}); kept the first")
            continue
        seen.add(row.code)
        if row.unreadable:
            _unreadable_row(row.code, row, columns, result, "cannot be told from the row after it")
        else:
            row_cells(row.code, row, columns, result, deferred)
        if row.code == "carried_forward":
            break
    read_deferred(deferred, columns, result)


def _warn_unknown_heading(row: Row, result: TableResult) -> None:
    if not row.label or match_group_heading(row.label).code is not None or match_applicant(row.label).code:
        return
    if row.tokens and sum(1 for t in row.tokens if match_applicant(t.text).code) >= 2:
        return  # a repeated header line (a table split over several <table> elements)
    if match_request_row(row.label).code is None:
        result.warnings.append(f"requests: unknown label {row.label!r} at line {row.line} (no values)")
