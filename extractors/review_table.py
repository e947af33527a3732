"""表四 (review_litigation): one data row of 15 numbers, three proceedings × five outcomes.

A grid header (HTML, Markdown) is read per position: the proceeding from the stack (行政复议 /
未经复议直接起诉 / 复议后起诉), the outcome from its bottom text. When the header names all 15
columns, values follow it (by position when the data row lines up, else in order); otherwise they
follow the template order, unless the readable part of the header contradicts it. Glued values are
cut only where the three blocks' identities leave one reading.
"""

from __future__ import annotations

import re
from typing import Sequence

from . import catalogue
from .labels import match_review_outcome, match_review_proceeding
from .model import Finding, Locator
from .segment import agreed_cells, block_can_hold, blocks_readings, blocks_readings_one_off, single_split
from .tokens import TableResult, Token, make_cell, piece_tokens, take_values, unreadable_cell

_T = "review_litigation"
_REVIEW_HEADER = re.compile(r"结果维持|结果纠正|尚未审结|直接起诉|复议后起诉")
TEMPLATE_ORDER: tuple[tuple[str, str], ...] = tuple(
    (p, o) for p in catalogue.PROCEEDINGS for o in catalogue.OUTCOMES)
_COUNT = len(TEMPLATE_ORDER)
_LABELS = {m.row: m.label_zh for m in catalogue.REVIEW_METRICS}
_BLOCKS = (len(catalogue.OUTCOMES),) * len(catalogue.PROCEEDINGS)


def _position_pair(stack: Sequence[str]) -> tuple[str, str] | None:
    outcome = match_review_outcome(stack[-1]).code
    proceeding = next((p for p in (match_review_proceeding(t).code for t in reversed(stack[:-1])) if p), None)
    return (proceeding, outcome) if proceeding and outcome else None


def header_pairs(tokens: Sequence[Token]) -> list[tuple[int, tuple[str, str]]]:
    """(position, (proceeding, outcome)) for each readable grid header column, spans collapsed."""
    stacks: dict[int, list[str]] = {}
    for tok in tokens:
        if tok.pos is not None and tok.text:
            stack = stacks.setdefault(tok.pos, [])
            if not stack or stack[-1] != tok.text:
                stack.append(tok.text)
    pairs: list[tuple[int, tuple[str, str]]] = []
    for pos in sorted(stacks):
        pair = _position_pair(stacks[pos])
        if pair is not None and (not pairs or pairs[-1][1] != pair):
            pairs.append((pos, pair))
    return pairs


def _is_subsequence(items: Sequence[tuple[str, str]], of: Sequence[tuple[str, str]]) -> bool:
    it = iter(of)
    return all(any(x == y for y in it) for x in items)


def _data_tokens(tokens: Sequence[Token], first: int) -> list[Token]:
    """The data row's cells: in a grid the line of the first printed value; cell per line, every
    value cell from the end of the header on (empty cells before the first number included)."""
    if tokens[first].pos is None:
        while first > 0 and tokens[first - 1].is_value and tokens[first - 1].pos is None:
            first -= 1
        values, _ = take_values(tokens, first, len(tokens))
        return values
    line = tokens[first].line
    return [t for t in tokens if t.line == line]


def parse_review(tokens: Sequence[Token]) -> TableResult:
    result = TableResult([], [])
    first = next((i for i, t in enumerate(tokens) if t.is_value and t.text), None)
    if first is None:
        _blank_table(result, tokens)
        return result
    start = first
    if tokens[first].pos is not None:
        while start > 0 and tokens[start - 1].line == tokens[first].line:
            start -= 1
    header = tokens[:start]
    if not any("复议" in t.text or "诉讼" in t.text for t in header):
        result.warnings.append("review_litigation: no 行政复议/行政诉讼 header before the values")
    _assign(result, header_pairs(header), _data_tokens(tokens, first))
    return result


def _blank_table(result: TableResult, tokens: Sequence[Token]) -> None:
    """No number printed: an all-blank table (15 or more empty cells after its header) is read as
    blank cells; many reports answer this section in prose, and only printed headers without any
    cells warn."""
    headers = [i for i, t in enumerate(tokens) if not t.is_value and len(t.text) <= 10 and _REVIEW_HEADER.search(t.text)]
    if not headers:
        return
    blanks = [t for t in tokens[headers[-1] + 1:] if t.is_value and not t.spanned]
    if len(blanks) >= _COUNT and all(not t.is_value or not t.text for t in tokens[headers[-1] + 1:]):
        for (proceeding, outcome), tok in zip(TEMPLATE_ORDER, blanks):
            _emit(result, proceeding, outcome, tok)
        return
    _unreadable(result, [], "prints its headers but no values", tokens[headers[-1]].line)


def _assign(result: TableResult, pairs: list[tuple[int, tuple[str, str]]], data: list[Token]) -> None:
    complete = len(pairs) == _COUNT and len({p for _, p in pairs}) == _COUNT
    width = 1 + max((p for p, _ in pairs), default=-1)
    if complete and data[0].pos is not None and len(data) == width:
        for pos, (proceeding, outcome) in pairs:
            _emit(result, proceeding, outcome, data[pos])
        return
    values = [t for t in data if t.is_value and not t.spanned]
    first = next((i for i, t in enumerate(data) if t.is_value and t.text), None)
    if first is not None and data[first].pos is not None and any(not t.is_value and t.text for t in data[1:]) \
            and any(not v.text for v in values):
        # The data row shares its line with other text, header labels or prose (lines run together;
        # a label in its first cell aside) and prints empty cells: where they sit cannot be told.
        _unreadable(result, values, "shares its line with other text and prints empty cells whose columns cannot "
                                    "be told")
        return
    while len(values) > _COUNT and not values[-1].text:
        values.pop()  # trailing empty cells of a grid row
    while len(values) > _COUNT and not values[0].text:
        values.pop(0)  # an empty label cell before the values
    order = [p for _, p in pairs] if complete else list(TEMPLATE_ORDER)
    if not complete and not _is_subsequence([p for _, p in pairs], TEMPLATE_ORDER):
        _unreadable(result, values, "its header columns are not in the template order and not all readable")
    elif len(values) == _COUNT:
        for (proceeding, outcome), tok in zip(order, values):
            _emit(result, proceeding, outcome, tok)
    elif len(values) == 1 and values[0].text.isdigit() and len(values[0].text) >= _COUNT:
        _glued(result, values[0], order)
    else:
        _unreadable(result, values, f"prints {len(values)} values for {_COUNT} columns")


def _emit(result: TableResult, proceeding: str, outcome: str, tok: Token, note: str = "") -> None:
    if tok.spanned or not tok.is_value:
        why = "one printed value spans two columns" if tok.spanned else f"a label {tok.text!r} where a value belongs"
        result.cells.append(unreadable_cell(_T, proceeding, outcome, tok.text, tok.line, tok.line,
                                            _LABELS[proceeding], note=why))
    else:
        result.cells.append(make_cell(_T, proceeding, outcome, tok, _LABELS[proceeding], note=note))


def _unreadable(result: TableResult, values: list[Token], why: str, line: int = 0) -> None:
    raw = " ".join(v.text for v in values)
    line = values[0].line if values else line
    last = values[-1].line if values else line
    for proceeding, outcome in TEMPLATE_ORDER:
        result.cells.append(unreadable_cell(_T, proceeding, outcome, raw, line, last, _LABELS[proceeding],
                                            note=f"table {why}"))
    result.warnings.append(f"review_litigation: table at line {line} {why}; its cells are marked unreadable")


_AGREEMENT_CAP = 16  # most readings compared cell by cell


def glued_review_reading(digits: str) -> tuple[tuple[int | None, ...], str]:
    """(cells, how) of the 15 cells glued into one run, None for a cell that cannot be read: the only
    possible cut; else the only cut where T4-REV/LD/LR all hold; else, when none does, the only cut
    where exactly one block fails (the publisher's slip, printed as such). When several cuts remain,
    the cells they all agree on (among every cut with at most one failing block) are read."""
    forced = single_split(digits, _COUNT)
    if forced is not None and all(block_can_hold("".join(map(str, forced)), _BLOCKS, b) for b in range(len(_BLOCKS))):
        return forced, f"cut into single digits, the only possible cut of {digits!r}"
    consistent = blocks_readings(digits, _BLOCKS, limit=_AGREEMENT_CAP)
    if len(consistent) == 1:
        return consistent[0], f"cut from glued digits {digits!r}: the only cut where T4-REV/LD/LR hold"
    one_off = blocks_readings_one_off(digits, _BLOCKS, limit=_AGREEMENT_CAP)
    if not consistent and len(one_off) == 1:
        reading, block = one_off[0]
        return reading, (f"cut from glued digits {digits!r}: no cut keeps every block's total, and the only cut "
                         f"where all but one hold leaves {catalogue.PROCEEDINGS[block]} not adding up (printed so)")
    candidates = [*consistent, *(r for r, _ in one_off)]
    what = (f"{len(consistent)} cuts keep T4-REV/LD/LR" if consistent else "no cut keeps every block's total")
    if not candidates or len(consistent) >= _AGREEMENT_CAP or len(one_off) >= _AGREEMENT_CAP:
        return (None,) * _COUNT, f"glued as {digits!r}: {what}, and too many cuts keep all but one block"
    return agreed_cells(candidates), (f"glued as {digits!r}: {what}; {len(candidates)} cuts keep at least two "
                                      "blocks, the cells they all agree on are read, the others cannot be told apart")


def broken_blocks(token: Token, cells: Sequence[int | None]) -> list[Finding]:
    """Findings for the unread blocks of a glued run that no cut lets add up (T4-REV/LD/LR broken as
    printed, whatever the cells read)."""
    out = []
    size = len(catalogue.OUTCOMES)
    for index, proceeding in enumerate(catalogue.PROCEEDINGS):
        unread = any(value is None for value in cells[index * size:(index + 1) * size])
        if unread and not block_can_hold(token.text, _BLOCKS, index):
            out.append(Finding(
                catalogue.BLOCK_IDENTITIES[proceeding], proceeding,
                f"no cut of the glued digits {token.text!r} into {_COUNT} numbers makes the {_LABELS[proceeding]} "
                "block's total the sum of its outcomes", Locator(token.line, token.line)))
    return out


def _glued(result: TableResult, token: Token, order: list[tuple[str, str]]) -> None:
    if order != list(TEMPLATE_ORDER):
        _unreadable(result, [token], f"prints its 15 cells glued as {token.text!r} under a header not in the "
                                     "template order")
        return
    cells, how = glued_review_reading(token.text)
    result.findings.extend(broken_blocks(token, cells))
    if all(value is None for value in cells):
        _unreadable(result, [token], f"prints its 15 cells {how}")
        return
    for (proceeding, outcome), value, piece in zip(order, cells, piece_tokens(token, cells)):
        if value is None:
            result.cells.append(unreadable_cell(_T, proceeding, outcome, token.text, token.line, token.line,
                                                _LABELS[proceeding], note=how))
        else:
            _emit(result, proceeding, outcome, piece, note=how)
    shown = "|".join("?" if v is None else str(v) for v in cells)
    result.warnings.append(f"review_litigation: cells glued as {token.text!r} at line {token.line}; read as "
                           f"{shown} ({how.split(': ', 1)[-1]})")
