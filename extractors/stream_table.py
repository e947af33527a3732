"""表三 and 表四 read from the character stream of the whole document, aligned to the template.

The layout readers (requests_table, review_table) read rows from lines. Real pages break lines
anywhere: a crawled page may be one line with every cell glued to its label, a PDF text layer wraps a
label around its own number row and scatters a vertical group label one character per line, a
PDF→Markdown conversion cuts a table into pieces and loses labels. This reader does not trust lines:

1. The region's lines are joined into one stream; page furniture (`- 4 -`, `— 5 —`) is blanked.
2. Its text characters (digits, spaces and punctuation left out) form a skeleton in which the row
   labels of the template, in their fixed order, are anchors: each label is scored against every
   window of the skeleton (rapidfuzz, so wrapped, split and garbled labels still match) and a dynamic
   programme picks increasing positions that maximise the total score, skipping a row only when that
   scores better than forcing it (a row whose label is lost, a label printed out of order).
3. The numbers between one anchor and the next belong to the earlier row; sub-row numbering
   (`3.危及…`, also glued as `00000003.危及…`) is not a number. When labels were lost, the numbers
   between two anchors are shared out in template order only when they are exactly as many rows'
   worth, and those rows are kept only when the column identities then hold.
4. Each row's numbers become a Row for requests_table: as many as columns are read in order, a glued
   run (spaces inside it are stray `&nbsp;`) is cut with the identities exactly as glued rows are
   read everywhere, a short row is placed where T3-ROW allows, anything else is `unreadable`.

Nothing here guesses: every template cell comes back read or `unreadable` with a note.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from . import catalogue
from .labels import clean_label
from .requests_table import Columns, Deferred, Row, check_columns, read_deferred, request_columns, row_cells
from .templates import TEMPLATES
from .review_table import TEMPLATE_ORDER as REVIEW_ORDER
from .review_table import _assign as assign_review
from .segment import ROW_ONLY_CUT, leading_zero
from .tokens import TableResult, Token, unreadable_cell, with_note

_R, _V = "requests", "review_litigation"

# Page furniture of PDF text layers and their conversions: a page number alone on its line.
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]+\s*\d{1,3}\s*[-—–－]+|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$")
# A page number run into the text around it (`… 1 | 4 | — 2 — 五、…`): only the dash-framed form.
_INLINE_PAGE_NUMBER = re.compile(r"[—–－]\s*\d{1,3}\s*[—–－]|(?<![\d\w])-\s+\d{1,3}\s+-(?![\d\w])")


def _blank(m: re.Match) -> str:
    return " " * len(m.group())


# A number, a not-applicable marker standing alone, or sub-row numbering before a label.
_NUMBERING = re.compile(r"(\d+)[ \t]*[.、．](?=[ \t]*[^\d\s.、．|])")  # never across a line break: `92` / `、行政机关…` is a value and a label tail
_VALUE = re.compile(r"\d+(?:\.\d+)?|(?<![^\s|])(?:[/／\\]|[-—–－]{1,2})(?![^\s|])")
_SKELETON_CHAR = re.compile(r"[^\W\d_]")
_SKELETON_RUN = re.compile(r"[^\W\d_]+")
_MIN_SCORE = 72.0  # a window this similar to a label (0-100, Indel ratio) is a candidate anchor
_SHORT_LABEL = 4  # a label this short must be printed exactly (其他, 总计, 重复申请 …)
_SHOWN_ANCHORS = 6  # this many 表三 row labels found: the text shows 表三 even without its heading
_CANDIDATES = 6  # best windows kept per label


@dataclass(frozen=True, slots=True)
class Stream:
    text: str
    line_starts: tuple[int, ...]  # stream offset of each line; line numbers are first_line + index
    first_line: int

    def line_at(self, offset: int) -> int:
        return self.first_line + bisect.bisect_right(self.line_starts, offset) - 1

    def col_at(self, offset: int) -> int:
        """0-based offset of stream offset `offset` in its line."""
        return offset - self.line_starts[bisect.bisect_right(self.line_starts, offset) - 1]


def make_stream(lines: Sequence[str], start: int = 0, end: int | None = None) -> Stream:
    """lines[start:end] (0-based) joined by newlines, page numbers blanked (offsets keep their lines)."""
    end = len(lines) if end is None else end
    parts, starts, offset = [], [], 0
    for line in lines[start:end]:
        starts.append(offset)
        shown = " " * len(line) if _PAGE_NUMBER.match(line) else _INLINE_PAGE_NUMBER.sub(_blank, line)
        parts.append(shown)
        offset += len(shown) + 1
    return Stream("\n".join(parts), tuple(starts), start + 1)


@dataclass(frozen=True, slots=True)
class Skeleton:
    text: str
    offsets: tuple[int, ...]  # stream offset of each skeleton character


def skeleton(stream: Stream, lo: int = 0, hi: int | None = None) -> Skeleton:
    hi = len(stream.text) if hi is None else hi
    chars: list[str] = []
    offsets: list[int] = []
    for m in _SKELETON_RUN.finditer(stream.text, lo, hi):
        chars.append(m.group())
        offsets.extend(range(m.start(), m.end()))
    return Skeleton("".join(chars), tuple(offsets))


@lru_cache(maxsize=512)
def _needles(labels: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in (clean_label(lbl) for lbl in labels) if n))


def _char_index(skel: str) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for at, ch in enumerate(skel):
        index.setdefault(ch, []).append(at)
    return index


def label_candidates(skel: str, labels: tuple[str, ...], limit: int = _CANDIDATES,
                     index: dict[str, list[int]] | None = None) -> list[tuple[int, int, float]]:
    """(start, end, score) of the best windows of `skel` for any of `labels`: the Indel similarity of
    the label against the window of its length starting where one of its first three characters
    sits (so a garbled first character still anchors), best first, one per place."""
    index = _char_index(skel) if index is None else index
    scored: dict[int, tuple[int, float]] = {}
    exact: set[int] = set()  # a short label printed exactly: every occurrence is a candidate
    cutoff = _MIN_SCORE / 100
    for needle in _needles(labels):
        size = len(needle)
        if size <= _SHORT_LABEL:
            for m in re.finditer(re.escape(needle), skel):
                scored[m.start()] = (m.end(), 100.0)
                exact.add(m.start())
            continue
        starts = {at - k for k, ch in enumerate(needle[:3]) for at in index.get(ch, ()) if at >= k}
        for start in starts:
            score = Indel.normalized_similarity(needle, skel[start:start + size], score_cutoff=cutoff)
            if score >= cutoff and score * 100 > scored.get(start, (0, 0.0))[1]:
                scored[start] = (start + size, score * 100)
    best: list[tuple[int, int, float]] = []
    for start, (end, score) in sorted(scored.items(), key=lambda kv: (-kv[1][1], kv[0])):
        if start in exact or (len(best) < limit and all(abs(start - s) >= 3 for s, _, _ in best)):
            best.append((start, end, score))  # one candidate per place, the best `limit` of them
    return best


def align(skel: str, rows: Sequence[tuple[str, tuple[str, ...]]],
          cache: dict | None = None) -> dict[str, tuple[int, int, float]]:
    """Anchors (start, end, score) in the skeleton for the rows, in row order at increasing positions,
    maximising the summed score (a row may be skipped)."""
    cache = {} if cache is None else cache
    index = cache.setdefault(None, _char_index(skel))
    cands = []
    for _, labels in rows:
        if labels not in cache:
            cache[labels] = label_candidates(skel, labels, index=index)
        cands.append(cache[labels])
    # best[i][j]: best total for rows[:i+1] with row i at candidate j; -1 = skipped
    states: list[tuple[float, int, tuple]] = [(0.0, -1, ())]  # (total, end of last anchor, chosen)
    for i, row_cands in enumerate(cands):
        nxt = list(states)  # skipping row i keeps every state
        for start, end, score in row_cands:
            base = max((s for s in states if s[1] <= start), key=lambda s: s[0], default=None)
            if base is not None:
                nxt.append((base[0] + score, end, base[2] + ((i, start, end, score),)))
        # keep, for each end position, the best total (a Pareto frontier over end)
        nxt.sort(key=lambda s: (s[1], -s[0]))
        frontier: list[tuple[float, int, tuple]] = []
        for state in nxt:
            if not frontier or state[0] > frontier[-1][0]:
                frontier.append(state)
        states = frontier
    chosen = max(states, key=lambda s: s[0])[2]
    return {rows[i][0]: (start, end, score) for i, start, end, score in chosen}


@dataclass(frozen=True, slots=True)
class Printed:
    text: str  # a number or a not-applicable marker as printed
    offset: int
    glued_left: bool  # no separator between it and the value before it (only stray spaces)


def printed_values(stream: Stream, lo: int, hi: int) -> list[Printed]:
    """Values printed in stream[lo:hi], sub-row numbering left out (`3.危及`: 3 is numbering; glued
    `00000003.危及` or with a stray space `000000 03.危及`: the last digit is)."""
    text = stream.text
    numbering: dict[int, int] = {}  # start of a digit run -> its length without the numbering digit
    for m in _NUMBERING.finditer(text, lo, min(len(text), hi + 8)):  # its lookahead reads the label after hi
        digits = m.group(1)
        numbering[m.start(1)] = len(digits) - 1  # 表三 numbers its sub-rows 1-8: one digit, the rest is a value
    out: list[Printed] = []
    for m in _VALUE.finditer(text, lo, hi):
        value = m.group()
        if m.start() in numbering:
            value = value[:numbering[m.start()]]
            if not value:
                continue
        out.append(Printed(value, m.start(), False))
    return out


# ---------------------------------------------------------------- 表三

def _request_rows(template: str) -> list[tuple[str, tuple[str, ...]]]:
    rows = [m for m in catalogue.REQUEST_METRICS if template in m.templates]
    return [(m.row, (m.label_zh, *m.variants)) for m in rows]


@dataclass(slots=True)
class StreamTables:
    requests: TableResult | None  # None: the text does not show 表三
    review: TableResult | None  # None: the text does not show 表四
    template: str | None


_HEADING_NUMBER = re.compile(r"(?:^|\n|[一二三四五六七八九十][、.．]|[(（][一二三四五六七八九十][)）]|表[二三四][:：]?)\s*$")


def _find_heading(stream: Stream, skel: Skeleton, table: str, after: int = 0) -> int | None:
    """Skeleton index where the table's section heading starts (fuzzy): the first one printed as a
    heading (numbered `三、`, or opening its line); None when not printed so. A report's introduction
    often lists the section titles in one sentence: those are not headings."""
    found = sorted(after + start for start, _, score in
                   label_candidates(skel.text[after:], catalogue.SECTION_HEADINGS[table], limit=8) if score >= 85)
    for at in found:
        before = stream.text[max(0, skel.offsets[at] - 6):skel.offsets[at]]
        if _HEADING_NUMBER.search(before):
            return at
    return None


def read_stream(lines: Sequence[str], template_hint: str | None = None, skip_requests: bool = False) -> StreamTables:
    """表三 and 表四 from the stream (表三 left out, None, with `skip_requests`: already settled)."""
    stream = make_stream(lines)
    whole = skeleton(stream)
    req_at = _find_heading(stream, whole, "requests")
    rev_at = _find_heading(stream, whole, "review_litigation", after=req_at or 0)
    lo = whole.offsets[req_at] if req_at is not None else 0
    hi = whole.offsets[rev_at] if rev_at is not None else len(stream.text)
    stop = _end_of_tables(whole)
    if rev_at is None and stop is not None and stop > lo:
        hi = stop
    requests, template = (None, template_hint) if skip_requests else _read_requests(
        stream, lo, hi, req_at is not None, template_hint)
    review = _read_review(stream, hi if rev_at is not None else None, whole, stop)
    return StreamTables(requests, review, template)


def _end_of_tables(whole: Skeleton) -> int | None:
    m = re.search("存在的主要问题|主要问题及改进", whole.text)
    return whole.offsets[m.start()] if m else None


def _read_requests(stream: Stream, lo: int, hi: int, heading: bool, template_hint: str | None
                   ) -> tuple[TableResult | None, str | None]:
    skel = skeleton(stream, lo, hi)
    cache: dict = {}  # the templates share most labels: score each against the skeleton once
    readings = {t: align(skel.text, _request_rows(t), cache) for t in ("2019", "2021")}
    if any(code in readings["2021"] for code in catalogue.OTHER_ROWS_2021[:2]):
        template = "2021"  # its two long (六) sub-row labels are printed
    elif _single_other_row(stream, skel, readings["2019"]):
        template = "2019"  # (六)其他处理 prints one row of values of its own
    elif template_hint in ("2019", "2021"):
        template = template_hint
    else:
        template = "2019" if "other_total" in readings["2019"] else "2021"
    anchors = readings[template]
    if not heading and len(anchors) < _SHOWN_ANCHORS:
        return None, None
    result = TableResult([], [])
    if not anchors:
        result.warnings.append("requests: the 表三 heading is printed but none of its row labels was found")
        return result, template
    header_text = stream.text[lo:skel.offsets[min(s for s, _, _ in anchors.values())]]
    columns = Columns(request_columns([Token(t, 0, False) for t in re.split(r"[\s|]+", header_text) if t]))
    if "subtotal_org" not in columns.codes and "小计" in clean_label(header_text):
        columns = Columns(tuple(c for c in columns.codes if c != "total") + ("subtotal_org", "total"))
    sequence = [code for code, _ in _request_rows(template)]
    spans = _row_spans(stream, skel, anchors, sequence, hi)
    rows, placed, spaced = _rows_from_spans(stream, spans, columns, result)
    deferred = Deferred()
    for row in rows:
        row_cells(row.code, row, columns, result, deferred)
    read_deferred(deferred, columns, result)
    # A row printing fewer digits than columns cannot be glued: its blank cells vanished, and a glued
    # run of this text may have lost one too. Then no cut only its own T3-ROW confirms is a reading;
    # nor is one of a run whose parts spaces separate.
    vanished = any(sum(len(v.text) for v in r.values) < len(columns.codes) for r in rows if r.values)
    _distrust_row_only_cuts(result, None if vanished else spaced)
    if placed:
        _check_placed(result, placed, columns, template)
    result.template_hint = template
    return result, template


def _single_other_row(stream: Stream, skel: Skeleton, anchors: dict[str, tuple[int, int, float]]) -> bool:
    """(六)其他处理 followed by one row's worth of values (7, or 8 with a 小计) before (七)总计: the
    2019 template's single row, not the 2021 group heading over three sub-rows."""
    if "other_total" not in anchors or "total_processed" not in anchors:
        return False
    lo, hi = skel.offsets[anchors["other_total"][0]], skel.offsets[anchors["total_processed"][0]]
    count = len(printed_values(stream, lo, hi))
    return count in (len(catalogue.APPLICANT_COLUMNS), len(catalogue.APPLICANT_COLUMNS) + 1)


@dataclass(slots=True)
class Span:
    codes: list[str]  # the anchored row, then rows after it whose labels were not found
    label: str
    line: int
    values: list[Printed]


def _row_spans(stream: Stream, skel: Skeleton, anchors: dict[str, tuple[int, int, float]], sequence: list[str],
               hi: int) -> list[Span]:
    ordered = [code for code in sequence if code in anchors]
    spans: list[Span] = []
    for n, code in enumerate(ordered):
        start, end, _ = anchors[code]
        lo_off = skel.offsets[start]
        hi_off = skel.offsets[anchors[ordered[n + 1]][0]] if n + 1 < len(ordered) else hi
        following = ordered[n + 1] if n + 1 < len(ordered) else None
        lost = sequence[sequence.index(code) + 1: sequence.index(following) if following else len(sequence)]
        values = printed_values(stream, lo_off, hi_off)
        if following is None:
            values = _leading_run(stream, values)
        label = skel.text[start:end]
        spans.append(Span([code, *lost], label, stream.line_at(lo_off), values))
    return spans


def _leading_run(stream: Stream, values: list[Printed]) -> list[Printed]:
    """The values printed together after the last label: the run stops at the first text between two
    values (prose or the next section after the table)."""
    out: list[Printed] = []
    for value in values:
        if out and _SKELETON_CHAR.search(stream.text, out[-1].offset + len(out[-1].text), value.offset):
            break
        out.append(value)
    return out


def _is_glued(stream: Stream, values: list[Printed]) -> bool:
    """Separated only by single spaces on one line (stray `&nbsp;`), not by `|`, tabs, line breaks or
    runs of spaces."""
    for a, b in zip(values, values[1:]):
        gap = stream.text[a.offset + len(a.text):b.offset]
        if gap.strip(" \u00a0") != "" or len(gap) > 1:
            return False  # a line break, `|`, a tab, or two spaces (where an empty cell was) separate cells
    return True


def _tokens(stream: Stream, values: list[Printed]) -> list[Token]:
    return [Token(v.text, stream.line_at(v.offset), True, col=stream.col_at(v.offset)) for v in values]


def _rows_from_spans(stream: Stream, spans: list[Span], columns: Columns, result: TableResult
                     ) -> tuple[list[Row], dict[str, str], set[str]]:
    width = len(columns.codes)
    glued_table = any(len(s.values) < width and sum(len(v.text) for v in s.values) >= width
                      and _is_glued(stream, s.values) for s in spans)
    rows: list[Row] = []
    placed: dict[str, str] = {}  # row code -> the anchored row its values were shared out from
    spaced: set[str] = set()  # rows read as glued runs although spaces separate their parts
    for span in spans:
        tokens = _tokens(stream, span.values)
        if len(span.codes) > 1 and len(tokens) == width * len(span.codes):
            for k, code in enumerate(span.codes):
                rows.append(Row(code, span.label if k == 0 else "", tokens[k * width:(k + 1) * width], span.line))
                if k:
                    placed[code] = span.codes[0]
            continue
        code = span.codes[0]
        if not tokens and len(span.codes) == 1:
            # The label is printed, no number follows it: blank cells would be a guess.
            rows.append(Row(code, span.label, [], span.line, unreadable=True))
            continue
        if len(span.codes) > 1:
            what = ", ".join(span.codes[1:])
            rows.append(Row(code, span.label, tokens, span.line, unreadable=True))
            for lost in span.codes[1:]:
                for column in columns.codes:
                    result.cells.append(unreadable_cell(
                        _R, lost, column, " ".join(t.text for t in tokens), span.line,
                        tokens[-1].line if tokens else span.line,
                        note=f"row label not found; the {len(tokens)} values after {code!r} are not {len(span.codes)} "
                             "rows' worth, so which row each belongs to cannot be told"))
            result.warnings.append(f"requests: labels of {what} not found after {code} (line {span.line}); "
                                   f"the {len(tokens)} values after it cannot be shared out: its cells and theirs are "
                                   "marked unreadable")
            continue
        if glued_table and 1 < len(tokens) < width and _is_glued(stream, span.values):
            # Space-separated but short: glued cells with stray `&nbsp;` spaces, or a row whose blank
            # cells vanished. A part printing a leading zero (`0 00`, `023`: nobody prints those) says
            # glued; otherwise both are possible, and only the column identities may choose the cut.
            joined = "".join(t.text for t in tokens)
            if joined.isdigit():
                if not any(leading_zero(t.text) for t in tokens):
                    spaced.add(code)
                tokens = [Token(joined, tokens[0].line, True)]
        rows.append(Row(code, span.label, tokens, span.line))
    for row in rows:
        if row.unreadable:
            _mark_unreadable(row, columns, result, "label is printed but no number follows it" if not row.values else
                             f"is followed by rows that lost their labels, and its {len(row.values)} values are not "
                             f"a whole number of rows of {width}")
            row.code = None
    return [r for r in rows if r.code is not None and not r.unreadable], placed, spaced


def _mark_unreadable(row: Row, columns: Columns, result: TableResult, why: str) -> None:
    raw = " ".join(v.text for v in row.values)
    last = row.values[-1].line if row.values else row.line
    result.cells.extend(unreadable_cell(_R, row.code, c, raw, row.line, last, row.label, note=f"row {why}")
                        for c in columns.codes)


def _distrust_row_only_cuts(result: TableResult, rows: set[str] | None) -> None:
    """Cuts of glued runs that only their own T3-ROW confirms become unreadable: in `rows`, or in every
    row when None (blank cells vanish from this text, so any run may have lost one)."""
    why = ("blank cells vanish from this text (a row prints fewer digits than columns), so the run may have "
           "lost one" if rows is None else "spaces separate its parts, so it may be a row whose blank cells "
           "vanished")
    result.cells[:] = [
        unreadable_cell(_R, c.row, c.column, c.raw, c.locator.line_start, c.locator.line_end, c.row_label,
                        note=f"{c.note}; but {why}: not read")
        if ROW_ONLY_CUT in c.note and c.semantic != "unreadable" and (rows is None or c.row in rows) else c
        for c in result.cells]


def _check_placed(result: TableResult, placed: dict[str, str], columns: Columns, template: str) -> None:
    """Rows placed by template order (their labels lost) stay read only where the column identities
    (T3-FLOW, T3-RES) then hold in every applicant column: otherwise they are unreadable."""
    rows = {c.row for c in result.cells} | set(TEMPLATES[template].other_rows[:1])
    check = check_columns(result.cells, rows, columns.codes)
    holds = not check.failing and not check.unassessable
    for code, anchor in placed.items():
        if holds:
            note = (f"row label not found: read from the values after {anchor!r} by template order; T3-FLOW and "
                    "T3-RES hold in every column with this placement")
            result.cells[:] = [with_note(c, note) if c.row == code else c for c in result.cells]
            result.warnings.append(f"requests: row {code} lost its label; its values were placed after {anchor} by "
                                   "template order, confirmed by the column identities")
        else:
            result.cells[:] = [
                unreadable_cell(_R, c.row, c.column, c.raw, c.locator.line_start, c.locator.line_end,
                                note=f"row label not found; the values after {anchor!r} would fit by template order "
                                     "but the column identities do not confirm the placement")
                if c.row == code else c for c in result.cells]
            result.warnings.append(f"requests: row {code} lost its label and the column identities do not confirm "
                                   "placing it by template order; its cells are marked unreadable")


# ---------------------------------------------------------------- 表四

_REVIEW_HEADER_WORDS = ("结果维持", "尚未审结", "复议后起诉", "直接起诉")


def _read_review(stream: Stream, heading_at: int | None, whole: Skeleton, stop: int | None) -> TableResult | None:
    """The 15 values printed together after the 表四 header."""
    text = stream.text
    if heading_at is None:  # no heading: its header, by labels no prose prints
        m = re.search("结果维持.{0,60}?尚未审结", text, re.S) or re.search("复议后起诉", text)
        if m is None:
            return None
        heading_at = max(text.rfind("行政复议", 0, m.start()), m.start() - 200, 0) if "复议后" in m.group() else m.start()
    header_hits = [text.find(w, heading_at) for w in _REVIEW_HEADER_WORDS]
    if not any(h >= 0 for h in header_hits):
        return None
    header_end = max(h + len(w) for h, w in zip(header_hits, _REVIEW_HEADER_WORDS) if h >= 0)
    # the header ends at its last label: the last 总计/审结/结果 before the first value after the header words
    values = printed_values(stream, header_end, len(text))
    values = _leading_run(stream, values)
    result = TableResult([], [])
    if not values or (stop is not None and values[0].offset > stop and stop > heading_at):
        result.warnings.append(f"review_litigation: header at line {stream.line_at(heading_at)} but no values follow")
        for proceeding, outcome in REVIEW_ORDER:
            result.cells.append(unreadable_cell(_V, proceeding, outcome, "", stream.line_at(heading_at),
                                                stream.line_at(header_end), note="table values not found"))
        return result
    tokens = _tokens(stream, values)
    if len(tokens) < len(REVIEW_ORDER) and _is_glued(stream, values):
        joined = "".join(t.text for t in tokens)
        if joined.isdigit():
            tokens = [Token(joined, tokens[0].line, True)]
    assign_review(result, [], tokens)
    return result
