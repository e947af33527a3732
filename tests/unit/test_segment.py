"""Glued cells: the readings functions against brute force, on every digit string of a small alphabet."""

from __future__ import annotations

from itertools import combinations, product

import pytest

from extractors.segment import (blocks_readings, pair_readings, printable, request_row_readings, splits,
                                sum_row_readings)

APPLICANTS = ("natural_person", "commercial_enterprise", "research_institution", "public_interest_org",
              "legal_service_org", "other_org", "total")
WITH_SUBTOTAL = (*APPLICANTS[:-1], "subtotal_org", "total")


def brute_cuts(digits: str, parts: int) -> list[tuple[int, ...]]:
    """Every cut into `parts` printed integers, by trying every set of cut positions."""
    out = []
    for cuts in combinations(range(1, len(digits)), parts - 1):
        pieces = [digits[a:b] for a, b in zip((0, *cuts), (*cuts, len(digits)))]
        if all(printable(p) for p in pieces):
            out.append(tuple(int(p) for p in pieces))
    return sorted(out)


def strings(alphabet: str, lengths: range):
    for n in lengths:
        for chars in product(alphabet, repeat=n):
            yield "".join(chars)


@pytest.mark.parametrize("part", ["0", "7", "10", "105"])
def test_printable(part):
    assert printable(part)


@pytest.mark.parametrize("part", ["", "00", "07", "012"])
def test_not_printable(part):
    assert not printable(part)


def test_splits_equal_brute_force_exhaustively():
    for digits in strings("012", range(1, 8)):
        for parts in range(1, len(digits) + 1):
            assert sorted(splits(digits, parts)) == brute_cuts(digits, parts), (digits, parts)


def test_sum_row_readings_equal_brute_force_exhaustively():
    # Every string of 7 or 8 digits over {0, 1, 2}: 3^7 + 3^8 = 8,748 strings.
    for digits in strings("012", range(7, 9)):
        expected = [r for r in brute_cuts(digits, 7) if sum(r[:-1]) == r[-1]]
        assert sorted(sum_row_readings(digits, 6)) == expected, digits


def test_pair_readings_equal_brute_force_exhaustively():
    for digits in strings("0159", range(2, 7)):
        expected = [r for r in brute_cuts(digits, 2) if r[0] <= r[1]]
        assert sorted(pair_readings(digits)) == expected, digits


def test_the_issue_example_has_one_reading():
    assert request_row_readings("640020470", APPLICANTS) == [(64, 0, 0, 2, 0, 4, 70)]


@pytest.mark.parametrize("digits,readings", [
    ("0000000", [(0, 0, 0, 0, 0, 0, 0)]),
    ("1000001", [(1, 0, 0, 0, 0, 0, 1)]),
    ("350000035", [(35, 0, 0, 0, 0, 0, 35)]),
    ("11000011", []),  # no reading: T3-ROW fails for every cut (a publisher error or a wrong row)
    ("000000", []),  # too few digits for seven cells
])
def test_request_row_readings(digits, readings):
    assert request_row_readings(digits, APPLICANTS, limit=None) == readings


def test_ambiguous_glued_row_has_several_readings():
    readings = request_row_readings("10100000101", APPLICANTS, limit=None)
    assert len(readings) > 1
    assert all(sum(r[:-1]) == r[-1] for r in readings)


def test_subtotal_column_adds_its_own_identity():
    # 3 | 0 | 0 | 0 | 1 | 0 | 1 (小计) | 4: subtotal = organisations, total = natural person + subtotal.
    assert request_row_readings("30001014", WITH_SUBTOTAL, limit=None) == [(3, 0, 0, 0, 1, 0, 1, 4)]
    assert request_row_readings("30001015", WITH_SUBTOTAL, limit=None) == []


def test_subtotal_readings_equal_brute_force_exhaustively():
    for digits in strings("012", range(8, 10)):
        expected = [r for r in brute_cuts(digits, 8) if r[6] == sum(r[1:6]) and r[7] == r[0] + r[6]]
        assert sorted(request_row_readings(digits, WITH_SUBTOTAL, limit=None)) == expected, digits


def test_review_blocks_readings():
    assert blocks_readings("0" * 15, (5, 5, 5)) == [(0,) * 15]
    assert blocks_readings("011020000000000", (5, 5, 5)) == [(0, 1, 1, 0, 2) + (0,) * 10]
    assert blocks_readings("01102000", (5, 5, 5)) == []


def test_old_table_pairs_from_the_corpus():
    assert pair_readings("20263542") == [(20, 263542), (202, 63542), (2026, 3542)]
    assert pair_readings("2121") == [(2, 121), (21, 21)]
    assert pair_readings("07") == [(0, 7)]  # '07' is never one number
    assert pair_readings("70") == []  # cumulative below the year's count


def test_long_runs_are_refused_not_searched_forever():
    assert sum_row_readings("9" * 40, 6) == []
