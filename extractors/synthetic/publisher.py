"""Publisher errors: the hard identities checked on printed numbers, and injecting one arithmetic slip.

The generator needs its own small identity check (rather than `expectations.identities`, which works on
extracted cells in polars) because it is the oracle: the truth's `violations` must be computed from
what was printed, independently of the code under test. Unit tests cross-check both implementations.
Messages follow the corpus truth files ("T3-FLOW total: 1+0 != 2+0").
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from extractors.catalogue import ORGANISATION_COLUMNS, OUTCOME_ROWS, OUTCOMES, PROCEEDINGS

from .tables import Grid, other_rows

REVIEW_IDENTITY = {"admin_review": "T4-REV", "litigation_direct": "T4-LD", "litigation_after_review": "T4-LR"}
_SUMMED_COLUMNS = ("natural_person",) + ORGANISATION_COLUMNS
_FLOW_COLUMNS = _SUMMED_COLUMNS + ("total",)


@dataclass(frozen=True, slots=True)
class Violation:
    identity: str
    scope: str
    message: str
    cells: tuple[tuple[str, str, str], ...]  # (table, row, column) of every term


def _printed(values: list) -> bool:
    return all(v is not None for v in values)


def _flow(grid: Grid, column: str) -> Violation | None:
    terms = [grid[r][column] for r in ("new_received", "carried_over", "total_processed", "carried_forward")]
    if not _printed(terms) or terms[0] + terms[1] == terms[2] + terms[3]:
        return None
    cells = tuple(("requests", r, column) for r in ("new_received", "carried_over", "total_processed",
                                                    "carried_forward"))
    return Violation("T3-FLOW", column, f"T3-FLOW {column}: {terms[0]}+{terms[1]} != {terms[2]}+{terms[3]}", cells)


def _res(grid: Grid, column: str, template: str) -> Violation | None:
    rows = OUTCOME_ROWS + other_rows(template)
    terms = [grid[r][column] for r in rows]
    processed = grid["total_processed"][column]
    if not _printed(terms + [processed]) or sum(terms) == processed:
        return None
    cells = tuple(("requests", r, column) for r in rows + ("total_processed",))
    return Violation("T3-RES", column,
                     f"T3-RES {column}: outcome rows sum to {sum(terms)}, total_processed is {processed}", cells)


def _row(grid: Grid, row: str) -> Violation | None:
    terms = [grid[row][c] for c in _SUMMED_COLUMNS]
    total = grid[row]["total"]
    if not _printed(terms + [total]) or sum(terms) == total:
        return None
    cells = tuple(("requests", row, c) for c in _SUMMED_COLUMNS + ("total",))
    return Violation("T3-ROW", row, f"T3-ROW {row}: applicant columns sum to {sum(terms)}, total is {total}", cells)


def _review(grid: Grid, proceeding: str) -> Violation | None:
    terms = [grid[proceeding][o] for o in OUTCOMES[:-1]]
    total = grid[proceeding]["total"]
    if not _printed(terms + [total]) or sum(terms) == total:
        return None
    identity = REVIEW_IDENTITY[proceeding]
    shown = "+".join(str(t) for t in terms)
    cells = tuple(("review_litigation", proceeding, o) for o in OUTCOMES)
    return Violation(identity, proceeding, f"{identity} {proceeding}: {shown} != {total}", cells)


def violations(requests: Grid | None, review: Grid | None, template: str) -> list[Violation]:
    """Every hard identity instance that fails strictly on the printed numbers (blank: not assessable)."""
    found: list[Violation | None] = []
    if requests is not None:
        for column in _FLOW_COLUMNS:
            found += [_flow(requests, column), _res(requests, column, template)]
        found += [_row(requests, row) for row in requests]
    if review is not None:
        found += [_review(review, p) for p in PROCEEDINGS]
    return [v for v in found if v is not None]


# ------------------------------------------------------------------------------- injection

@dataclass(frozen=True, slots=True)
class Slip:
    """A kind of arithmetic slip seen in published reports: which printed cells move together."""

    name: str
    table: str
    rows: tuple[str, ...]  # candidate rows (one is drawn)
    columns: tuple[str, ...]  # candidate columns (one is drawn)
    mirror_total: bool  # the publisher also moved the 总计 cell of the row (seed 004)


_SLIPS: tuple[Slip, ...] = (
    Slip("processed_miscount", "requests", ("total_processed",), _SUMMED_COLUMNS, True),
    Slip("forward_miscount", "requests", ("carried_forward",), _SUMMED_COLUMNS, True),
    Slip("row_total_off", "requests", ("new_received", "granted", "unavailable_not_held", "total_processed"),
         ("total",), False),
    Slip("outcome_cell_off", "requests", ("granted", "partially_granted", "unavailable_not_held"),
         ("natural_person", "commercial_enterprise"), False),
    Slip("review_total_off", "review_litigation", PROCEEDINGS, ("total",), False),
)


def _shift(value: int, rng: random.Random) -> int:
    delta = rng.choice((1, 1, 1, -1, 2, 10, -10))
    return value + delta if value + delta >= 0 else value + abs(delta)


def _apply(slip: Slip, grids: dict[str, Grid], rng: random.Random) -> list[tuple[str, str, str, int, int]]:
    """Apply one slip in place; returns the changed cells (table, row, column, printed, consistent)."""
    grid = grids[slip.table]
    row, column = rng.choice(slip.rows), rng.choice(slip.columns)
    consistent = grid[row][column]
    if consistent is None:
        return []
    changes = [(slip.table, row, column, _shift(consistent, rng), consistent)]
    mirrored = grid[row].get("total")
    if slip.mirror_total and mirrored is not None:
        changes.append((slip.table, row, "total", mirrored + changes[0][3] - consistent, mirrored))
    for table, r, c, printed, _ in changes:
        grids[table][r][c] = printed
    return changes


def inject_error(requests: Grid, review: Grid, template: str, rng: random.Random) -> list[dict]:
    """Change printed numbers in place so that at least one hard identity fails strictly; returns the
    machine-readable record (one entry per changed cell). Empty when no slip could be made assessable
    (e.g. every candidate instance has a blank term)."""
    grids = {"requests": requests, "review_litigation": review}
    for slip in rng.sample(_SLIPS, len(_SLIPS)):
        changes = _apply(slip, grids, rng)
        broken = violations(requests, review, template)
        if broken:
            return [_record(slip, change, broken) for change in changes]
        for table, row, column, _, consistent in changes:  # not assessable: undo, try another slip
            grids[table][row][column] = consistent
    return []


def _record(slip: Slip, change: tuple[str, str, str, int, int], broken: list[Violation]) -> dict:
    table, row, column, printed, consistent = change
    hit = [v for v in broken if (table, row, column) in v.cells]
    first = hit[0] if hit else broken[0]
    return {"identity": first.identity, "scope": first.scope, "table": table, "row": row, "column": column,
            "printed": printed, "consistent": consistent, "kind": slip.name,
            "breaks": [f"{v.identity} {v.scope}" for v in hit]}
