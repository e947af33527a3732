"""Readings of glued cells: digits printed without separators (`640020470` for 64|0|0|2|0|4|70).

Pure functions, no I/O. A glued run is cut into printed integers: each part is `0` or starts with a
non-zero digit (nobody prints `07`). Only readings that satisfy the table's own identities are kept,
and the caller accepts a row only when exactly one reading is left: anything else is `unreadable`.
"""

from __future__ import annotations

from typing import Callable, Iterator, Sequence

Reading = tuple[int, ...]
# A glued run longer than this is not a table row (or cannot be read in reasonable time).
MAX_GLUED_DIGITS = 36


def printable(part: str) -> bool:
    """True for a printed integer: '0' or no leading zero."""
    return part == "0" or (part != "" and part[0] != "0")


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
    columns = tuple(columns)
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
