"""Pre-2019 statistics tables (政府信息公开情况统计表): rows × (this year, cumulative).

There is no national format before 2019, but many bodies printed the same table (catalogue
OLD_STATISTICS). It is read from any layout, including crawler text in which labels, units, row
numbers and values run together (`主动公开信息数条20263542其中:1.网站公开条179533042.政府公报公开条07`):
labels are found in order, the printed row number of the next label is cut off, and a glued pair of
numbers is split only where the table's own constraints (cumulative ≥ this year; a 其中 sub-row never
exceeds its parent) leave one reading for that row. Anything else is not emitted, with a warning.
Values become narrative facts `table_<row>_year` / `table_<row>_cumulative`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product
from typing import Sequence

from . import catalogue
from .layout import line_cells, line_text
from .model import Locator, NarrativeFact
from .narrative import _metrics_for
from .segment import pair_readings
from .tokens import TableResult

_HEADER = re.compile(r"历年累计|累计")
_SCOPE = 80  # lines after the header that can still belong to the table
_UNIT = re.compile(r"[条件个项次份宗人]")
_NUMBERS = re.compile(r"\d+")
_CELL_TEXT = re.compile(r"^[\s|条件个项次份宗人\d]*")  # what a row's cells can print; the rest is not the table
_YEAR_HEADER = re.compile(r"年度|本年")
_HEADER_WINDOW = 30  # characters before 累计 that can hold the this-year column's header
_DEFS = {d.code: d for d in catalogue.OLD_STATISTICS}
_CHILDREN: dict[str, list[str]] = {}
for _d in catalogue.OLD_STATISTICS:
    if _d.parent:
        _CHILDREN.setdefault(_d.parent, []).append(_d.code)
_LABELS = tuple((d.code, tuple(sorted({d.label_zh, *d.variants}, key=len, reverse=True)))
                for d in catalogue.OLD_STATISTICS)


@dataclass(slots=True)
class _Printed:
    code: str
    text: str  # what was printed between this label and the next (values, unit, next row number)
    line: int
    readings: list[tuple[int, int]]


def _ordinal(code: str) -> int | None:
    parent = _DEFS[code].parent
    return _CHILDREN[parent].index(code) + 1 if parent else None


def _strip_next_number(text: str, next_code: str | None) -> str:
    """Cut the printed number of the next row ('2.' before 政府公报公开, '其中:1.' before 网站公开)."""
    text = re.sub(r"其中\s*[::]?\s*$", "", text.rstrip())
    if next_code is None or _ordinal(next_code) is None:
        return text
    ordinal = re.escape(str(_ordinal(next_code)))
    return re.sub(rf"(?:其中\s*[::]?\s*)?{ordinal}\s*[.、．]\s*$", "", text).rstrip()


def _readings(text: str, cumulative_first: bool) -> list[tuple[int, int]]:
    """(this year, cumulative) readings of a row's printed cells: two numbers, or one glued run."""
    body = _UNIT.sub(" ", text.replace("|", " "))
    numbers = _NUMBERS.findall(body)
    if len(numbers) == 2:
        pairs = [(int(numbers[0]), int(numbers[1]))]
    elif len(numbers) == 1:
        pairs = pair_readings(numbers[0], (lambda a, b: a >= b) if cumulative_first else None)
    else:
        return []
    return [(b, a) for a, b in pairs] if cumulative_first else [(a, b) for a, b in pairs]


def _find_header(lines: Sequence[str]) -> int | None:
    for idx, line in enumerate(lines):
        text = line_text(line)
        if _HEADER.search(text) and ("年度" in text or "本年" in text or "指标" in text):
            return idx
    return None


def _stream(lines: Sequence[str], start: int) -> tuple[str, list[tuple[int, int]]]:
    """The table region as one string (cells joined by ' | ') and (offset, line number) marks."""
    parts: list[str] = []
    marks: list[tuple[int, int]] = []
    offset = 0
    for idx in range(start, min(len(lines), start + _SCOPE)):
        cells = [c for c in line_cells(lines[idx]) if c]
        if not cells:
            continue
        text = " | ".join(cells) + " | "
        marks.append((offset, idx + 1))
        parts.append(text)
        offset += len(text)
    return "".join(parts), marks


def _line_at(marks: list[tuple[int, int]], offset: int) -> int:
    line = marks[0][1] if marks else 0
    for mark, number in marks:
        if mark > offset:
            break
        line = number
    return line


def _locate(stream: str, header_end: int) -> list[tuple[str, int, int]]:
    """(code, label start, label end) of each catalogue row found, in printed order."""
    found: list[tuple[str, int, int]] = []
    pos = header_end
    for code, labels in _LABELS:
        hits = [(stream.find(lbl, pos), lbl) for lbl in labels]
        hits = [(at, lbl) for at, lbl in hits if at >= 0]
        if hits:
            at, lbl = min(hits)
            found.append((code, at, at + len(lbl)))
            pos = at + len(lbl)
    return found


def _cumulative_first(header: str) -> bool:
    cumulative, year = _HEADER.search(header), _YEAR_HEADER.search(header)
    return cumulative is not None and year is not None and cumulative.start() < year.start()


def parse_old_statistics(lines: Sequence[str]) -> TableResult:
    result = TableResult([], [])
    start = _find_header(lines)
    if start is None:
        return result
    stream, marks = _stream(lines, start)
    header = _HEADER.search(stream)  # the header line can carry prose before the table (archived text)
    found = _locate(stream, header.start())
    if not found:
        return result
    swap = _cumulative_first(stream[max(0, header.start() - _HEADER_WINDOW):found[0][1]])
    printed: list[_Printed] = []
    for i, (code, _, end) in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        text = _strip_next_number(stream[end:nxt[1] if nxt else len(stream)], nxt[0] if nxt else None)
        text = _CELL_TEXT.match(text).group()
        printed.append(_Printed(code, text.strip(" |"), _line_at(marks, end), _readings(text, swap)))
    _solve(printed)
    _emit(printed, result)
    return result


def _consistent(parent: tuple[int, int], children: Sequence[tuple[int, int]]) -> bool:
    return all(sum(c[k] for c in children) <= parent[k] for k in (0, 1))


def _solve(printed: list[_Printed]) -> None:
    """Keep, for each parent and its 其中 rows, the readings that occur in some consistent whole."""
    by_code = {p.code: p for p in printed}
    for parent, children in _CHILDREN.items():
        group = [by_code[c] for c in (parent, *children) if c in by_code]
        if len(group) < 2 or group[0].code != parent or any(not g.readings for g in group):
            continue
        options = [g.readings for g in group]
        if 1 == max(len(o) for o in options):
            continue
        keep: list[set[tuple[int, int]]] = [set() for _ in group]
        for combo in product(*options):
            if _consistent(combo[0], combo[1:]):
                for k, reading in enumerate(combo):
                    keep[k].add(reading)
        for g, kept in zip(group, keep):
            g.readings = [r for r in g.readings if r in kept]


def _emit(printed: list[_Printed], result: TableResult) -> None:
    for p in printed:
        if len(p.readings) != 1:
            result.warnings.append(f"statistics table: row {p.code} at line {p.line} printed {p.text!r}: "
                                   f"{'no' if not p.readings else len(p.readings)} readings; not emitted")
            continue
        year, cumulative = p.readings[0]
        fact = _DEFS[p.code].fact
        metrics = _metrics_for(fact, float(year), "pre2019") if fact else ()
        sentence = f"{_DEFS[p.code].label_zh} {p.text}"
        for suffix, value, mets in (("year", year, metrics), ("cumulative", cumulative, ())):
            result.facts.append(NarrativeFact(fact=f"table_{p.code}_{suffix}", value=float(value), unit="count",
                                              sentence=sentence, locator=Locator(p.line, p.line), metrics=mets,
                                              origin="old_table"))
