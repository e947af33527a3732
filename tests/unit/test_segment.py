"""Glued cells: the readings functions against brute force, on every digit string of a small alphabet, and
the table solver that reads glued rows with the column identities."""

from __future__ import annotations

from itertools import combinations, product

import pytest

from extractors.segment import (GluedTable, agreed_cells, always_broken, block_can_hold, blocks_readings,
                                blocks_readings_one_off, can_split, column_predictions, every_cut, pair_readings,
                                predicted_readings, printable, request_row_readings, row_total_can_hold,
                                single_split, solve_glued_rows, splits, sum_row_readings)

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


# ---------------------------------------------------------------- single cuts and predictions

def test_single_split_equals_brute_force_exhaustively():
    for digits in strings("01", range(7, 11)):
        cuts = brute_cuts(digits, 7)
        assert single_split(digits, 7) == (cuts[0] if len(cuts) == 1 else None), digits


def row_holds(reading) -> bool:
    return sum(reading[:-1]) == reading[-1]


def brute_predicted(digits: str, predictions, total_at: int) -> list[tuple[int, ...]]:
    """predicted_readings by definition: every cut, then the admissibility rule on every miss set."""
    def admissible(missed, reading):
        return len(missed) <= 1 or (len(missed) == 2 and total_at in missed and row_holds(reading))
    out = []
    for reading in brute_cuts(digits, len(predictions[0])):
        per_equation = [{c for c, p in enumerate(pred) if p is not None and p != reading[c]} for pred in predictions]
        overall = set().union(*per_equation) | {c for c in range(len(reading)) if all(p[c] is None for p in predictions)}
        if all(admissible(m, reading) for m in (overall, *per_equation)):
            out.append(reading)
    return out


PREDICTIONS = [
    ((1, 0, 0, 0, 0, 0, 1),),
    ((2, 1, 0, 0, 0, 0, 3),),
    ((1, 0, 0, 0, 0, 0, 1), (1, 0, 0, 0, 0, 0, 2)),  # two identities disagreeing on the total
    ((None, 0, 0, 0, 0, 0, 1),),  # a column no identity predicts
    ((10, 0, 0, None, 0, 0, 10), (10, 0, 0, 1, 0, 0, 11)),
    ((12, 0, 0, 0, 0, 0, -1),),  # a prediction no printed number can match
]


@pytest.mark.parametrize("predictions", PREDICTIONS)
def test_predicted_readings_equal_brute_force_exhaustively(predictions):
    # Every string of 7 or 8 digits over {0, 1, 2} against each set of predictions.
    for digits in strings("012", range(7, 9)):
        expected = brute_predicted(digits, predictions, 6)
        assert sorted(predicted_readings(digits, predictions, 6, row_holds, limit=None)) == expected, digits


def test_column_predictions_from_the_other_rows():
    flow = (("new_received", "carried_over"), ("total_processed", "carried_forward"))
    res = (("total_processed",), ("granted", "denied"))
    values = {"new_received": (5, 2), "carried_over": (1, 0), "carried_forward": (0, None), "granted": (4, 2),
              "denied": (1, 0)}
    # total_processed: 5+1-0 from T3-FLOW (second column unknown: carried_forward is not a number),
    # 4+1 and 2+0 from T3-RES.
    assert column_predictions("total_processed", (flow, res), values, 2) == ((6, None), (5, 2))
    assert column_predictions("granted", (flow, res), values, 2) == ()  # total_processed not printed
    assert column_predictions("other", (flow, res), values, 2) == ()


def test_agreed_cells():
    assert agreed_cells([(1, 2, 3), (1, 5, 3), (1, 2, 4)]) == (1, None, None)
    assert agreed_cells([(7, 0)]) == (7, 0)


# ---------------------------------------------------------------- a table's glued rows

FLOW = (("new_received", "carried_over"), ("total_processed", "carried_forward"))
RES = (("total_processed",), ("granted", "partially_granted", "denied"))


def table(known: dict, glued: dict) -> GluedTable:
    return GluedTable(known=known, glued=glued, equations=(FLOW, RES), width=len(APPLICANTS), total_at=6,
                      row_readings=lambda digits: request_row_readings(digits, APPLICANTS, limit=10),
                      row_holds=row_holds, readings_limit=10)


CONSISTENT = {
    "new_received": (37, 6, 3, 0, 2, 0, 48), "carried_over": (1, 0, 0, 0, 0, 0, 1),
    "granted": (30, 4, 3, 0, 2, 0, 39), "partially_granted": (5, 2, 0, 0, 0, 0, 7), "denied": (2, 0, 0, 0, 0, 0, 2),
    "total_processed": (37, 6, 3, 0, 2, 0, 48), "carried_forward": (1, 0, 0, 0, 0, 0, 1),
}


def glue(reading) -> str:
    return "".join(map(str, reading))


def test_glued_row_with_a_publisher_error_is_read_from_the_column_identities():
    # granted prints 31 for natural_person (consistent: 30): T3-ROW fails for every cut of '314302039',
    # but the other rows predict 30|4|3|0|2|0|39, and only one cut misses a single column.
    printed = (31, 4, 3, 0, 2, 0, 39)
    known = {k: v for k, v in CONSISTENT.items() if k != "granted"}
    assert request_row_readings(glue(printed), APPLICANTS) == []
    verdict = solve_glued_rows(table(known, {"granted": glue(printed)}))["granted"]
    assert (verdict.cells, verdict.off) == (printed, 0)
    assert "column identities" in verdict.how


def test_a_wrong_row_reading_is_replaced_by_the_column_identities():
    # The generator's case: granted printed 157|10|2|1|2|0|174 (natural_person slipped from 159): the
    # only cut where T3-ROW holds is 15|7|10|21|20|1|74, which the other rows contradict.
    printed = (157, 10, 2, 1, 2, 0, 174)
    assert request_row_readings(glue(printed), APPLICANTS) == [(15, 7, 10, 21, 20, 1, 74)]
    known = {"new_received": (164, 10, 2, 1, 2, 0, 179), "carried_over": (0,) * 7, "carried_forward": (0,) * 7,
             "partially_granted": (3, 0, 0, 0, 0, 0, 3), "denied": (2, 0, 0, 0, 0, 0, 2),
             "total_processed": (164, 10, 2, 1, 2, 0, 179)}
    verdict = solve_glued_rows(table(known, {"granted": glue(printed)}))["granted"]
    assert (verdict.cells, verdict.off) == (printed, 0)


def test_two_single_slips_that_fit_the_digits_leave_the_cells_unread():
    # '81000008' is 8|10|0|0|0|0|8 (commercial slipped from 0) or 81|0|0|0|0|0|8 (natural_person slipped
    # from 8): one unmatched column each. The cells both agree on are read, the two others are not.
    zeros = (0,) * 7
    known = {"new_received": (42, 6, 3, 0, 2, 0, 53), "carried_over": zeros, "carried_forward": zeros,
             "granted": (29, 4, 3, 0, 2, 0, 38), "partially_granted": (5, 2, 0, 0, 0, 0, 7),
             "total_processed": (42, 6, 3, 0, 2, 0, 53)}  # denied consistent: 8|0|0|0|0|0|8
    verdict = solve_glued_rows(table(known, {"denied": "81000008"}))["denied"]
    assert verdict.cells == (None, None, 0, 0, 0, 0, 8)
    assert "2 cuts fit the column identities" in verdict.how


def test_rows_glued_together_are_read_jointly():
    # Every row glued; granted and total_processed each have several cuts where T3-ROW holds.
    glued = {code: glue(r) for code, r in CONSISTENT.items()}
    assert len(request_row_readings(glued["granted"], APPLICANTS, limit=None)) > 1
    verdicts = solve_glued_rows(table({}, glued))
    assert {code: v.cells for code, v in verdicts.items()} == CONSISTENT


def test_nothing_to_tell_cuts_apart_leaves_the_row_unreadable():
    verdict = solve_glued_rows(table({}, {"granted": "10100000101"}))["granted"]
    assert verdict.cells == (None,) * 7
    assert verdict.how.startswith("glued row '10100000101': ") and "fit T3-ROW" in verdict.how


def test_a_run_with_one_possible_cut_is_read_where_t3_row_holds():
    verdict = solve_glued_rows(table({}, {"granted": "1000001"}))["granted"]
    assert verdict.cells == (1, 0, 0, 0, 0, 0, 1) and verdict.complete


def test_a_run_with_one_possible_cut_that_breaks_t3_row_is_not_read_alone():
    # '1000002' cuts only into single digits, if every cell was printed; a run that also lost a
    # blank cell cuts the same way, so without an identity confirming it the row stays unread.
    verdict = solve_glued_rows(table({}, {"granted": "1000002"}))["granted"]
    assert not verdict.complete and all(v is None for v in verdict.cells)
    assert "breaks T3-ROW" in verdict.how


# ---------------------------------------------------------------- 表四 blocks with one slip

def test_blocks_readings_one_off_equal_brute_force_exhaustively():
    # Three blocks of three cells (a + b = total) over every string of 9 digits of {0, 1, 2} and of
    # 10 or 11 digits of {0, 1}.
    for digits in (*strings("012", range(9, 10)), *strings("01", range(10, 12))):
        expected = []
        for cut in brute_cuts(digits, 9):
            holds = [cut[3 * b] + cut[3 * b + 1] == cut[3 * b + 2] for b in range(3)]
            if holds.count(False) == 1:
                expected.append((cut, holds.index(False)))
        assert sorted(blocks_readings_one_off(digits, (3, 3, 3), limit=None)) == sorted(expected), digits


def test_review_slip_in_one_block_is_read_when_the_cut_is_unique():
    # admin_review prints total 5 for 1+1+0+2 (= 4); the other blocks add up.
    assert blocks_readings("112050000000000", (5, 5, 5)) == []
    assert blocks_readings_one_off("112050000000000", (5, 5, 5)) == [((1, 1, 2, 0, 5) + (0,) * 10, 0)]


# ---------------------------------------------------------------- what no reading can fix (findings)

def test_can_split_equals_brute_force_exhaustively():
    for digits in strings("012", range(1, 8)):
        for parts in range(1, 8):
            assert can_split(digits, parts) == bool(brute_cuts(digits, parts)), (digits, parts)


def test_block_can_hold_equals_brute_force_exhaustively():
    # Three blocks of three cells (a + b = total): block k can hold when some cut makes it add up.
    for digits in (*strings("012", range(9, 10)), *strings("01", range(10, 12))):
        cuts = brute_cuts(digits, 9)
        for block in range(3):
            expected = any(cut[3 * block] + cut[3 * block + 1] == cut[3 * block + 2] for cut in cuts)
            assert block_can_hold(digits, (3, 3, 3), block) == expected, (digits, block)


def test_a_review_block_no_cut_can_fix():
    # syn1_00307 (generated): 未经复议直接起诉 printed 10|2|0|7|9 (10 + 2 + 0 + 7 = 19, total 9). The run
    # '0000010207910012' has cuts leaving it unread, but in none of them does that block add up.
    digits = "0000010207910012"
    assert not block_can_hold(digits, (5, 5, 5), 1)
    assert block_can_hold(digits, (5, 5, 5), 0) and block_can_hold(digits, (5, 5, 5), 2)
    assert not any(sum(cut[5:9]) == cut[9] for cut in brute_cuts(digits, 15))


def test_row_total_can_hold_equals_brute_force_exhaustively():
    # The gate's T3-ROW on 3 applicant columns: a + b = total, and with a 小计 column read freely.
    for digits in strings("012", range(3, 8)):
        expected = any(cut[0] + cut[1] == cut[2] for cut in brute_cuts(digits, 3))
        assert row_total_can_hold(digits, ("natural_person", "other_org", "total")) == expected, digits
    for digits in strings("012", range(4, 9)):
        expected = any(cut[0] + cut[1] == cut[3] for cut in brute_cuts(digits, 4))
        assert row_total_can_hold(digits, ("natural_person", "other_org", "subtotal_org", "total")) == expected, digits


def test_a_wrong_subtotal_alone_does_not_break_t3_row():
    # 8|1|0|1|1|0|4|11: the organisations add up to 3, not the printed 小计 4, but the gate's T3-ROW
    # (8+1+0+1+1+0 = 11) holds, so nothing is proven.
    assert row_total_can_hold("810110411", WITH_SUBTOTAL)
    assert not request_row_readings("810110411", WITH_SUBTOTAL)  # though no cut keeps the 小计 too


def test_runs_too_long_to_search_prove_nothing():
    digits = "1" + "0" * 15 + "00000" + "1" + "0" * 15  # 16|0|0|0|0|0|16 written out: 37 digits
    assert row_total_can_hold(digits, APPLICANTS) and every_cut(digits, 7, 10**6) is None
    assert block_can_hold("1" * 40, (5, 5, 5), 0)


def test_every_cut():
    assert every_cut("1000002", 7, 10) == [(1, 0, 0, 0, 0, 0, 2)]
    assert every_cut("1234", 2, 10) == brute_cuts("1234", 2)
    assert every_cut("1234", 2, 2) is None  # three cuts: more than the cap


FLOW = (("new_received", "carried_over"), ("total_processed", "carried_forward"))


def test_always_broken_equals_brute_force_over_every_combination():
    # new_received + carried_over = total_processed + carried_forward over two columns, with
    # new_received and carried_forward glued: a column is broken when no pair of cuts makes it hold.
    printed = {"carried_over": [1, 0], "total_processed": [2, 3]}
    for glued_nr, glued_cf in product(strings("0123", range(2, 4)), repeat=2):
        cuts = {"new_received": brute_cuts(glued_nr, 2), "carried_forward": brute_cuts(glued_cf, 2)}
        if not all(cuts.values()):
            continue
        expected = {(0, column) for column in range(2)
                    if not any(nr[column] + printed["carried_over"][column] == printed["total_processed"][column]
                               + cf[column] for nr in cuts["new_received"] for cf in cuts["carried_forward"])}
        assert always_broken((FLOW,), printed, cuts, 2) == expected, (glued_nr, glued_cf)


def test_always_broken_proves_nothing_without_every_term():
    cuts = {"carried_forward": [(2, 3), (1, 3)]}
    printed = {"new_received": [5, 5], "carried_over": [0, 0], "total_processed": [4, 4]}
    assert always_broken((FLOW,), printed, cuts, 2) == {(0, 1)}  # 5 + 0 ≠ 4 + 3 whichever cut
    # a term that is not a number (None) proves nothing in its column
    assert always_broken((FLOW,), {**printed, "new_received": [5, None]}, cuts, 2) == set()
    # a row of the identity neither printed nor cut: nothing
    assert always_broken((FLOW,), {"new_received": [5, 5]}, cuts, 2) == set()
