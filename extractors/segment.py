"""Readings of glued cells: digits printed without separators (`640020470` for 64|0|0|2|0|4|70).

Pure functions, no I/O. A glued run is cut into printed integers: each part is `0` or starts with a
non-zero digit (nobody prints `07`). Only readings that satisfy the table's own identities are kept,
and the caller accepts a row only when exactly one reading is left: anything else is `unreadable`.

A row's own identity (T3-ROW, a 表四 block's total) is not enough when the publisher got that very
row wrong: then no cut satisfies it, or a wrong one does by chance. `solve_glued_rows` therefore reads a
table's glued rows together, predicting each row's cells from the column identities (T3-FLOW/T3-RES)
over the other rows: the cut matching the predictions in all columns but one (where the publisher's
inconsistency stays, as printed) is taken only when it is the only such cut. When several remain,
the cells they all agree on are read and the others are not.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import islice, product
from math import prod
from typing import Callable, Iterator, Mapping, Sequence

Reading = tuple[int, ...]
# A glued run longer than this is not a table row (or cannot be read in reasonable time).
MAX_GLUED_DIGITS = 36


def printable(part: str) -> bool:
    """True for a printed integer: '0' or no leading zero."""
    return part == "0" or (part != "" and part[0] != "0")


def leading_zero(text: str) -> bool:
    """A printed number starting with a zero digit (`00`, `023`): nobody prints that; two cells ran
    together. `0` and `0.5` are numbers."""
    text = text.strip()
    return len(text) > 1 and text[0] == "0" and text[1].isdigit()


def splits(digits: str, parts: int) -> Iterator[Reading]:
    """Every cut of `digits` into `parts` printed integers."""
    if parts == 0:
        if not digits:
            yield ()
        return
    for length in range(1, len(digits) - parts + 2):
        head = digits[:length]
        if not printable(head):
            break  # a leading zero only allows the single digit '0'
        for tail in splits(digits[length:], parts - 1):
            yield (int(head), *tail)


def sum_splits(digits: str, parts: int, target: int, max_len: int) -> Iterator[Reading]:
    """Cuts of `digits` into `parts` printed integers of at most `max_len` digits that add up to
    `target`. Prunes on both sides: a head above what is left of the target, and a rest that cannot
    reach the target even with its longest possible parts."""
    if parts == 0:
        if not digits and target == 0:
            yield ()
        return
    if not parts <= len(digits) <= parts * max_len:
        return
    longest_rest = min(max_len, len(digits) - parts + 1)
    if parts * (10 ** longest_rest - 1) < target:
        return
    for length in range(1, min(max_len, len(digits) - parts + 1) + 1):
        head = digits[:length]
        if not printable(head):
            break
        value = int(head)
        if value > target:
            break  # longer heads are larger still
        for tail in sum_splits(digits[length:], parts - 1, target - value, max_len):
            yield (value, *tail)


def sum_row_readings(digits: str, addends: int, limit: int | None = None) -> list[Reading]:
    """Readings of `a1 … an total` where total = a1 + … + an (T3-ROW, each 表四 block).

    The total is a suffix; every addend is a non-negative part of it, so it is no longer and no larger
    than the total, which bounds the search. At most `limit` readings are returned (2 is enough to
    know a reading is not unique)."""
    out: list[Reading] = []
    if not digits.isdigit() or len(digits) > MAX_GLUED_DIGITS:
        return out
    for total_len in range(1, len(digits) - addends + 1):
        total_text = digits[len(digits) - total_len:]
        if not printable(total_text):
            continue
        total = int(total_text)
        for parts in sum_splits(digits[:len(digits) - total_len], addends, total, total_len):
            out.append((*parts, total))
            if limit is not None and len(out) >= limit:
                return out
    return out


def request_row_readings(digits: str, columns: Sequence[str], limit: int | None = 2) -> list[Reading]:
    """Readings of a glued 表三 row in printed column order (`natural_person` … `total`, with an
    optional `subtotal_org` before `total`). T3-ROW must hold; with a 小计 column, subtotal =
    Σ organisations and total = natural_person + subtotal."""
    return list(_request_row_readings(digits, tuple(columns), limit))


@lru_cache(maxsize=4096)  # a table's solver asks for the same row's readings more than once
def _request_row_readings(digits: str, columns: tuple[str, ...], limit: int | None) -> tuple[Reading, ...]:
    return tuple(_row_readings(digits, columns, limit))


def _row_readings(digits: str, columns: tuple[str, ...], limit: int | None) -> list[Reading]:
    if columns[-1] != "total" or columns[0] != "natural_person":
        return []
    if "subtotal_org" not in columns:
        return sum_row_readings(digits, len(columns) - 1, limit)
    if columns[-2] != "subtotal_org" or not digits.isdigit() or len(digits) > MAX_GLUED_DIGITS:
        return []
    return _subtotal_readings(digits, len(columns) - 3, limit)


def _subtotal_readings(digits: str, organisations: int, limit: int | None) -> list[Reading]:
    out: list[Reading] = []
    for total_len in range(1, len(digits) - organisations - 1):
        total_text = digits[len(digits) - total_len:]
        if not printable(total_text):
            continue
        total, body = int(total_text), digits[:len(digits) - total_len]
        for np_len in range(1, min(total_len, len(body) - organisations - 1) + 1):
            head = body[:np_len]
            if not printable(head) or int(head) > total:
                break
            subtotal = str(total - int(head))
            middle = body[np_len:]
            if not middle.endswith(subtotal) or len(middle) - len(subtotal) < organisations:
                continue
            for orgs in sum_splits(middle[:len(middle) - len(subtotal)], organisations, int(subtotal), total_len):
                out.append((int(head), *orgs, int(subtotal), total))
                if limit is not None and len(out) >= limit:
                    return out
    return out


def blocks_readings(digits: str, block_sizes: Sequence[int], limit: int | None = 2) -> list[Reading]:
    """Readings of several glued sum rows in a row, e.g. 表四's three blocks of (upheld, corrected,
    other, pending, total): each block is a `sum_row_readings` reading of its own digits."""
    if not block_sizes:
        return [()] if not digits else []
    size, rest_sizes = block_sizes[0], block_sizes[1:]
    out: list[Reading] = []
    min_rest = sum(rest_sizes)
    for cut in range(size, len(digits) - min_rest + 1):
        for head in sum_row_readings(digits[:cut], size - 1, None):
            for tail in blocks_readings(digits[cut:], rest_sizes, limit):
                out.append((*head, *tail))
                if limit is not None and len(out) >= limit:
                    return out
    return out


def pair_readings(digits: str, accept: Callable[[int, int], bool] | None = None) -> list[Reading]:
    """Readings of a glued pair (pre-2019 statistics: this year | cumulative), kept where
    `accept(year, cumulative)` holds (by default: the cumulative count includes the year's)."""
    check = accept or (lambda year, cumulative: year <= cumulative)
    if not digits.isdigit() or len(digits) > MAX_GLUED_DIGITS:
        return []
    return [r for r in splits(digits, 2) if check(*r)]


def single_split(digits: str, parts: int) -> Reading | None:
    """The cut when `digits` allows exactly one (as many digits as parts, or leading zeros forcing
    every cut): no identity is needed to read it. None otherwise."""
    if not digits.isdigit() or len(digits) > MAX_GLUED_DIGITS:
        return None
    found = list(islice(splits(digits, parts), 2))
    return found[0] if len(found) == 1 else None


# ---------------------------------------------------------------- readings from the column identities

Equation = tuple[tuple[str, ...], tuple[str, ...]]  # rows added, rows subtracted: Σ first == Σ second
Prediction = tuple[int | None, ...]  # one equation's value for each column of a row; None: not known
Missed = tuple[frozenset[int], ...]  # columns a cut misses: overall, then per equation


def column_predictions(row: str, equations: Sequence[Equation], values: Mapping[str, Sequence[int | None]],
                       width: int) -> tuple[Prediction, ...]:
    """For each column identity (equation) `row` is a term of and that predicts some column, the value
    each column of the row must hold for it, computed from the other rows' printed numbers (None
    where a term is unknown or not a number)."""
    out: list[Prediction] = []
    for plus, minus in equations:
        if row not in plus and row not in minus:
            continue
        sign = 1 if row in plus else -1
        terms = [(values.get(r), 1) for r in plus if r != row] + [(values.get(r), -1) for r in minus if r != row]
        if any(vector is None for vector, _ in terms):
            continue  # a row of the identity is not printed
        sums = [_signed_sum(terms, column) for column in range(width)]
        if any(rest is not None for rest in sums):
            out.append(tuple(None if rest is None else -rest * sign for rest in sums))
    return tuple(out)


def _signed_sum(terms: Sequence[tuple[Sequence[int | None], int]], column: int) -> int | None:
    total = 0
    for vector, sign in terms:
        value = _at(vector, column)
        if value is None:
            return None
        total += sign * value
    return total


def predicted_readings(digits: str, predictions: Sequence[Prediction], total_at: int | None,
                       row_holds: Callable[[Reading], bool], limit: int | None = 2) -> list[Reading]:
    """Cuts of `digits` into one printed integer per column that match the column predictions in
    every column but at most one: a column matches when every equation predicting it agrees with
    the cut there (a column no equation predicts does not match). Two unmatched columns are allowed
    only when one is the total column and the row's total adds up (`row_holds`): a slip carried into
    a total, in this row or in a row the predictions come from. The same must hold for each equation
    alone, so one equation thrown off by a slip elsewhere cannot let a cut through that another
    rules out."""
    out: list[Reading] = []
    if not digits.isdigit() or len(digits) > MAX_GLUED_DIGITS or not predictions:
        return out
    for reading, missed in _near_cuts(digits, tuple(predictions), total_at):
        if all(_admissible(m, total_at, row_holds, reading) for m in missed):
            out.append(reading)
            if limit is not None and len(out) >= limit:
                break
    return out


@lru_cache(maxsize=4096)  # the same row is checked again after each change elsewhere in its table
def _near_cuts(digits: str, predictions: tuple[Prediction, ...], total_at: int | None) -> tuple[tuple[Reading, Missed], ...]:
    """Every cut at most two columns off the predictions (the second one being the total)."""
    return tuple(_CutSearch(digits, predictions, total_at).cuts(0, 0, (frozenset(),) * (len(predictions) + 1)))


def _admissible(missed: frozenset[int], total_at: int | None, row_holds: Callable[[Reading], bool],
                reading: Reading) -> bool:
    return len(missed) <= 1 or (len(missed) == 2 and total_at in missed and row_holds(reading))


_MAX_MISSES = 2


class _CutSearch:
    """Depth-first cuts of one digit run against per-equation column predictions; a branch stops
    as soon as more than two columns are off, overall or for one equation."""

    __slots__ = ("digits", "predictions", "total_at", "width")

    def __init__(self, digits: str, predictions: tuple[Prediction, ...], total_at: int | None):
        self.digits, self.predictions, self.total_at = digits, predictions, total_at
        self.width = len(predictions[0])

    def cuts(self, start: int, column: int, missed: tuple[frozenset[int], ...]) -> Iterator[tuple[Reading, Missed]]:
        """(reading of digits[start:] from `column` on, columns missed: overall, then per equation)."""
        digits, parts_left = self.digits, self.width - column
        if parts_left == 0:
            if start == len(digits):
                yield (), missed
            return
        room = len(digits) - start - (parts_left - 1)  # longest part that leaves a digit per later part
        expected = sorted({p[column] for p in self.predictions if p[column] is not None and p[column] >= 0})
        for value in expected:
            text = str(value)
            if len(text) <= room and digits.startswith(text, start):
                yield from self._then(start + len(text), column, value, missed)
        for length in range(1, room + 1):
            head = digits[start:start + length]
            if not printable(head):
                break
            if int(head) not in expected:
                yield from self._then(start + length, column, int(head), missed)

    def _then(self, start: int, column: int, value: int, missed: Missed) -> Iterator[tuple[Reading, Missed]]:
        wrong = [p[column] is not None and p[column] != value for p in self.predictions]
        unmatched = any(wrong) or all(p[column] is None for p in self.predictions)
        now = (missed[0] | {column} if unmatched else missed[0],
               *(m | {column} if w else m for m, w in zip(missed[1:], wrong)))
        if any(len(m) > 1 and (len(m) > _MAX_MISSES or self.total_at not in m) for m in now):
            return  # a second unmatched column is allowed only when one of the two is the total
        for tail, final in self.cuts(start, column + 1, now):
            yield (value, *tail), final


@dataclass(frozen=True, slots=True)
class RowReading:
    """How a glued row was read: `cells` holds one value per column, None for a cell that cannot be
    read without guessing (all None: the row is unreadable); `how` says how or why not (for cell notes
    and warnings); `off` is the column (index) where a complete reading disagrees with the column
    identities, printed as such (the publisher's inconsistency), or None."""

    cells: tuple[int | None, ...]
    how: str
    off: int | None = None

    @property
    def complete(self) -> bool:
        return all(value is not None for value in self.cells)


@dataclass(frozen=True, slots=True)
class GluedTable:
    """A table's rows for `solve_glued_rows`: printed numbers of the rows read normally (None where a
    cell is not a number), the digit runs of the glued rows, and the identities that tie rows."""

    known: Mapping[str, Sequence[int | None]]
    glued: Mapping[str, str]
    equations: Sequence[Equation]  # column identities (T3-FLOW, T3-RES), each holding in every column
    width: int
    total_at: int | None
    row_readings: Callable[[str], list[Reading]]  # readings of one run where the row's own identity holds
    row_holds: Callable[[Reading], bool]  # the row's total adds up (for a slip carried into it)
    readings_limit: int  # row_readings returns at most this many: as many may mean more exist


def solve_glued_rows(table: GluedTable) -> dict[str, RowReading]:
    """Read every glued row of a table, or say it cannot be read.

    1. A run with a single possible cut is read as such; a run with exactly one cut where the row's own
       identity (T3-ROW) holds is read provisionally.
    2. Repeatedly, each glued row is read from the column identities: the other rows predict each of
       its cells, and the unique cut matching the predictions in all but one column (or all but the
       total and one more, with T3-ROW holding) wins, replacing a provisional reading.
    3. When an identity still has several unread rows, their T3-ROW readings are tried together
       (at most one of them may be a row without any, read from the predictions the others make): the
       only combination under which the identity holds in all columns but one (or all but the total
       and one more) is taken, and step 2 checks each of its rows again.
    4. Every reading is checked once more against the final other rows; a row whose cut the column
       identities contradict, or leave open between several, is not read.
    """
    readings: dict[str, Reading] = {}
    how: dict[str, str] = {}
    for code, digits in table.glued.items():
        forced = single_split(digits, table.width)
        if forced is not None:
            readings[code], how[code] = forced, "forced"
            continue
        by_row = table.row_readings(digits)
        if len(by_row) == 1:
            readings[code], how[code] = by_row[0], "row"
    for _ in range(2 * len(table.glued) + 2):
        if not _improve(table, readings, how) and not _joint(table, readings, how):
            break
    return {code: _verdict(table, code, readings, how) for code in table.glued}


def _from_columns(table: GluedTable, code: str, readings: Mapping[str, Reading], limit: int = 2) -> list[Reading]:
    values = {**table.known, **{c: r for c, r in readings.items() if c != code}}
    predictions = column_predictions(code, table.equations, values, table.width)
    return predicted_readings(table.glued[code], predictions, table.total_at, table.row_holds, limit)


def _improve(table: GluedTable, readings: dict[str, Reading], how: dict[str, str]) -> bool:
    changed = False
    for code in table.glued:
        if how.get(code) == "forced":
            continue
        found = _from_columns(table, code, readings)
        if len(found) == 1 and (readings.get(code) != found[0] or how[code] != "columns"):
            readings[code], how[code] = found[0], "columns"
            changed = True
    return changed


_JOINT_COMBINATIONS = 4096  # most combinations of readings tried for one identity


def _joint(table: GluedTable, readings: dict[str, Reading], how: dict[str, str]) -> bool:
    """Step 3 for each column identity in turn; True when some rows were read."""
    for plus, minus in table.equations:
        unread = [r for r in (*plus, *minus) if r in table.glued and r not in readings]
        if not unread or any(r not in table.glued and r not in table.known for r in (*plus, *minus)):
            continue
        found = _joint_readings(table, (plus, minus), unread, readings)
        if found is not None:
            for code, reading in found.items():
                readings[code], how[code] = reading, "joint"
            return True
    return False


def _joint_readings(table: GluedTable, equation: Equation, unread: list[str],
                    readings: Mapping[str, Reading]) -> dict[str, Reading] | None:
    """The only combination of readings of the `unread` rows under which `equation` holds (see
    solve_glued_rows), or None."""
    options = {code: table.row_readings(table.glued[code]) for code in unread}
    if any(len(found) >= table.readings_limit for found in options.values()):
        return None  # a list that may be cut short can leave out the printed reading
    free = [code for code, found in options.items() if not found]
    tried = [code for code in unread if options[code]]
    sizes = [len(options[code]) for code in tried]
    if len(free) > 1 or prod(sizes) > _JOINT_COMBINATIONS:
        return None
    solutions: list[dict[str, Reading]] = []
    for combination in product(*(options[code] for code in tried)):
        trial = {**readings, **dict(zip(tried, combination))}
        if free:
            cut = _from_columns(table, free[0], trial)
            if not cut:
                continue
            if len(cut) > 1:
                return None
            trial[free[0]] = cut[0]
        elif not _equation_holds(table, equation, trial):
            continue
        solutions.append({code: trial[code] for code in unread})
        if len(solutions) > 1:
            return None
    return solutions[0] if solutions else None


def _equation_holds(table: GluedTable, equation: Equation, readings: Mapping[str, Reading]) -> bool:
    """The identity holds in every column but one, or in every column but the total and one more."""
    values = {**table.known, **readings}
    plus, minus = equation
    terms = [(values.get(r), 1) for r in plus] + [(values.get(r), -1) for r in minus]
    if any(vector is None for vector, _ in terms):
        return False
    failing = [column for column in range(table.width) if _signed_sum(terms, column) not in (0, None)]
    return len(failing) <= 1 or (len(failing) == 2 and table.total_at in failing)


_AGREEMENT_CAP = 16  # most cuts compared cell by cell; beyond, the row is unreadable


def _verdict(table: GluedTable, code: str, readings: Mapping[str, Reading], how: Mapping[str, str]) -> RowReading:
    """Step 4: the row's final reading, checked against every other row's."""
    digits = table.glued[code]
    reading, source = readings.get(code), how.get(code)
    found = _from_columns(table, code, readings, _AGREEMENT_CAP)
    if source == "forced":
        # The only cut, if every cell was printed: a run that also lost a blank cell (or took a digit
        # from a neighbour) cuts the same way, so the cut stands only where an identity confirms it.
        if table.row_holds(reading) or reading in found:
            return RowReading(reading, f"cut into single digits, the only possible cut of {digits!r}")
        return RowReading((None,) * table.width,
                          f"glued row {digits!r}: its only cut into {table.width} numbers (single digits) breaks T3-ROW "
                          "and the column identities do not confirm it: a cell may not have been printed")
    if len(found) == 1:
        return RowReading(found[0], _how_text("columns", digits), _off_column(table, code, found[0], readings))
    if not found and reading is not None and source == "row":
        return RowReading(reading, _how_text(source, digits), _off_column(table, code, reading, readings))
    unread = (None,) * table.width
    if not found:
        count = len(table.row_readings(digits))
        return RowReading(unread, f"glued row {digits!r}: {_count_text(count, table.readings_limit)} fit T3-ROW "
                                  "and the column identities do not single one out")
    agreed = agreed_cells(found) if len(found) < _AGREEMENT_CAP else unread
    several = f"{len(found)}" if len(found) < _AGREEMENT_CAP else f"at least {_AGREEMENT_CAP}"
    if any(value is not None for value in agreed):
        return RowReading(agreed, f"glued row {digits!r}: {several} cuts fit the column identities; cells on "
                                  "which they all agree are read, the others cannot be told apart")
    return RowReading(unread, f"glued row {digits!r}: {several} cuts fit the column identities and they "
                              "disagree on every cell")


def agreed_cells(readings: Sequence[Reading]) -> tuple[int | None, ...]:
    """Per column, the value every reading gives it, or None where they differ."""
    return tuple(column[0] if len(set(column)) == 1 else None for column in zip(*readings))


def _count_text(count: int, limit: int) -> str:
    if count >= limit:
        return f"at least {limit} readings"
    return "no reading" if count == 0 else ("1 reading" if count == 1 else f"{count} readings")


# How a glued row read from its own identity alone says so (coverage.py trusts it less than a cut the
# column identities single out: where a table prints blank cells, a glued run may have lost one).
ROW_ONLY_CUT = "the only cut where T3-ROW holds"


def _how_text(source: str | None, digits: str) -> str:
    if source == "columns":
        return f"cut from glued digits {digits!r}: the only cut the column identities (T3-FLOW/T3-RES) allow"
    return f"cut from glued digits {digits!r}: {ROW_ONLY_CUT}"


def _off_column(table: GluedTable, code: str, reading: Reading, readings: Mapping[str, Reading]) -> int | None:
    values = {**table.known, **{c: r for c, r in readings.items() if c != code}}
    predictions = column_predictions(code, table.equations, values, table.width)
    off = [i for i, (value, expected) in enumerate(zip(reading, predictions)) if expected and value not in expected]
    return off[0] if len(off) == 1 else None


def blocks_readings_one_off(digits: str, block_sizes: Sequence[int], limit: int | None = 2) -> list[tuple[Reading, int]]:
    """Readings of glued sum blocks (表四) where exactly one block does not add up — a publisher's slip
    in that block, printed as such — with the index of that block. Meant for runs that
    `blocks_readings` cannot read at all (no reading where every block adds up)."""
    out: list[tuple[Reading, int]] = []
    if not digits.isdigit() or len(digits) > MAX_GLUED_DIGITS:
        return out
    for failing in range(len(block_sizes)):
        for reading in _blocks_failing(digits, tuple(block_sizes), failing):
            out.append((reading, failing))
            if limit is not None and len(out) >= limit:
                return out
    return out


def _blocks_failing(digits: str, sizes: tuple[int, ...], failing: int) -> Iterator[Reading]:
    """Readings of blocks `sizes` where block number `failing` (counted from this one) does not add up
    and every other block does."""
    if not sizes:
        if not digits:
            yield ()
        return
    size, rest = sizes[0], sizes[1:]
    for cut in range(size, len(digits) - sum(rest) + 1):
        head = digits[:cut]
        if failing == 0:
            heads: Iterator[Reading] = (r for r in splits(head, size) if sum(r[:-1]) != r[-1])
        else:
            heads = iter(sum_row_readings(head, size - 1, None))
        for reading in heads:
            for tail in _blocks_failing(digits[cut:], rest, failing - 1):
                yield (*reading, *tail)


# ---------------------------------------------------------------- what no reading can fix

@lru_cache(maxsize=4096)
def can_split(digits: str, parts: int) -> bool:
    """True when `digits` can be cut into `parts` printed integers (any values)."""
    if parts == 0:
        return digits == ""
    if len(digits) < parts:
        return False
    if digits[0] == "0":
        return can_split(digits[1:], parts - 1)
    return any(can_split(digits[length:], parts - 1) for length in range(1, len(digits) - parts + 2))


def block_can_hold(digits: str, block_sizes: Sequence[int], block: int) -> bool:
    """True when some cut of glued sum blocks (表四) lets block number `block` add up, whatever the
    other blocks then read: False proves that block does not add up as printed."""
    if not digits.isdigit() or len(digits) > MAX_GLUED_DIGITS:
        return True  # not a run we can reason about: prove nothing
    before, size, after = sum(block_sizes[:block]), block_sizes[block], sum(block_sizes[block + 1:])
    for start in range(before, len(digits) - size - after + 1):
        if not can_split(digits[:start], before):
            continue
        for end in range(start + size, len(digits) - after + 1):
            if can_split(digits[end:], after) and sum_row_readings(digits[start:end], size - 1, limit=1):
                return True
    return False


def row_total_can_hold(digits: str, columns: Sequence[str]) -> bool:
    """True when some cut of a glued 表三 row makes T3-ROW hold as the gate judges it: total =
    natural_person + the five organisation columns, a 小计 column (`subtotal_org`) free to read
    anything. False proves the row does not add up as printed. A run too long to search, or columns
    not ending in the total, prove nothing (True)."""
    if not digits.isdigit() or len(digits) > MAX_GLUED_DIGITS or columns[-1] != "total":
        return True
    addends = len(columns) - 1 - ("subtotal_org" in columns)
    if "subtotal_org" not in columns:
        return bool(sum_row_readings(digits, addends, limit=1))
    if columns[-2] != "subtotal_org":
        return True
    for total_len in range(1, len(digits) - addends):
        total_text, body = digits[len(digits) - total_len:], digits[:len(digits) - total_len]
        if not printable(total_text):
            continue
        for subtotal_len in range(1, len(body) - addends + 1):
            if printable(body[len(body) - subtotal_len:]) and next(
                    sum_splits(body[:len(body) - subtotal_len], addends, int(total_text), total_len), None) is not None:
                return True
    return False


def every_cut(digits: str, parts: int, cap: int) -> list[Reading] | None:
    """Every cut of `digits` into `parts` printed integers, or None when there are more than `cap`."""
    if not digits.isdigit() or len(digits) > MAX_GLUED_DIGITS:
        return None
    found = list(islice(splits(digits, parts), cap + 1))
    return found if len(found) <= cap else None


_MAX_SUMS = 65536  # most distinct sums tracked for one side of one identity column


def always_broken(equations: Sequence[Equation], values: Mapping[str, Sequence[int | None]],
                  cuts: Mapping[str, Sequence[Reading]], width: int) -> set[tuple[int, int]]:
    """Column identities that fail under every cut of the glued rows: {(equation index, column)}.

    `cuts` holds every possible cut of each glued row (`every_cut`), `values` the other rows' printed
    numbers (None where a cell is not a number). An equation's column is broken when its other terms
    are all printed numbers and no choice of one cut per glued row makes its two sides equal: broken
    as printed, however the digits are read. Rows are cut independently, so a column can hold exactly
    when the sums the glued rows' values in that column can reach on each side meet; those sums are
    built row by row (a set per side, not every combination). An equation with a row neither printed
    nor cut, or with too many sums to track, proves nothing."""
    out: set[tuple[int, int]] = set()
    for e, (plus, minus) in enumerate(equations):
        if not any(r in cuts for r in (*plus, *minus)) or any(r not in cuts and r not in values for r in (*plus, *minus)):
            continue
        for column in range(width):
            sides = [_reachable_sums(side, column, values, cuts) for side in (plus, minus)]
            if None not in sides and not sides[0] & sides[1]:
                out.add((e, column))
    return out


def _reachable_sums(rows: Sequence[str], column: int, values: Mapping[str, Sequence[int | None]],
                    cuts: Mapping[str, Sequence[Reading]]) -> set[int] | None:
    """Every sum of `column` over `rows` some choice of cuts reaches; None when a printed term is not a
    number or the sums grow too many."""
    sums = {0}
    for r in rows:
        if r in cuts:
            options = {cut[column] for cut in cuts[r]}
        else:
            printed = _at(values[r], column)
            if printed is None:
                return None
            options = {printed}
        sums = {a + b for a in sums for b in options}
        if len(sums) > _MAX_SUMS:
            return None
    return sums


def _at(vector: Sequence[int | None], column: int) -> int | None:
    return vector[column] if column < len(vector) else None
