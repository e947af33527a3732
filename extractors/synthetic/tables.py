"""Consistent ground-truth numbers for 表三, 表四 and 表二 (before any layout or publisher error).

Every generated 表三 satisfies the hard identities by construction: each applicant column is built as
new + carried_over = processed + carried_forward with processed split over the outcome rows, and the
总计 column is the row sum. Volumes follow the real population: most bodies get a handful of requests
from natural persons, a few get thousands, organisation columns are mostly zero.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from extractors.catalogue import (
    APPLICANT_COLUMNS,
    ORGANISATION_COLUMNS,
    OTHER_ROWS_2021,
    OUTCOME_ROWS,
    OUTCOMES,
    PROCEEDINGS,
    REQUEST_METRICS,
)

Grid = dict[str, dict[str, "int | float | None"]]

# Relative frequency of each outcome row among processed requests (granted and not-held dominate).
_OUTCOME_WEIGHTS: dict[str, float] = {
    "granted": 0.36, "partially_granted": 0.10, "unavailable_not_held": 0.28,
    "unavailable_needs_creation": 0.04, "unavailable_unclear": 0.03,
}
_SPARSE_WEIGHT = 0.015  # every other outcome row (denied_*, not_processed_*, other_*)
_REVIEW_OUTCOME_WEIGHTS = {"upheld": 0.55, "corrected": 0.12, "other": 0.13, "pending": 0.20}
_MULTINOMIAL_DIRECT = 300  # above this many units, split proportionally and draw only the remainder


def request_rows(template: str) -> tuple[str, ...]:
    return tuple(m.row for m in REQUEST_METRICS if template in m.templates)


def other_rows(template: str) -> tuple[str, ...]:
    return OTHER_ROWS_2021 if template == "2021" else ("other_total",)


def split(total: int, weights: dict[str, float], rng: random.Random) -> dict[str, int]:
    """Random multinomial split of `total` units over the keys of `weights`."""
    keys = list(weights)
    counts = dict.fromkeys(keys, 0)
    if total <= 0:
        return counts
    weight_sum = sum(weights.values())
    remainder = total
    if total > _MULTINOMIAL_DIRECT:
        for key in keys:
            counts[key] = int(total * weights[key] / weight_sum)
        remainder = total - sum(counts.values())
    for key in rng.choices(keys, weights=[weights[k] for k in keys], k=remainder):
        counts[key] += 1
    return counts


def _outcome_weights(template: str, rng: random.Random) -> dict[str, float]:
    """This body's outcome mix: the common rows always possible, each rare row switched on or off."""
    weights: dict[str, float] = {}
    for row in OUTCOME_ROWS + other_rows(template):
        base = _OUTCOME_WEIGHTS.get(row)
        if base is not None:
            weights[row] = base * rng.uniform(0.3, 1.7)
        elif rng.random() < 0.25:
            weights[row] = _SPARSE_WEIGHT * rng.uniform(0.5, 4.0)
    return weights


def _column_volumes(rng: random.Random) -> dict[str, int]:
    """New requests per applicant column: log-uniform body size, natural persons dominate."""
    size = 0 if rng.random() < 0.08 else int(10 ** rng.uniform(0, 3.4))
    natural = round(size * rng.uniform(0.55, 1.0))
    volumes = {"natural_person": natural}
    rest = size - natural
    for column in ORGANISATION_COLUMNS:
        share = rng.uniform(0.3, 0.9) if column == "commercial_enterprise" else rng.uniform(0.0, 0.4)
        volumes[column] = round(rest * share) if rng.random() < 0.7 else 0
        rest -= volumes[column]
    return volumes


def _applicant_column(new: int, weights: dict[str, float], rng: random.Random) -> dict[str, int]:
    carried_over = rng.randint(0, max(1, new // 8)) if new and rng.random() < 0.35 else 0
    handled = new + carried_over
    carried_forward = min(handled, rng.randint(0, max(1, handled // 6))) if rng.random() < 0.35 else 0
    processed = handled - carried_forward
    column = {"new_received": new, "carried_over": carried_over, "total_processed": processed,
              "carried_forward": carried_forward}
    column.update(split(processed, weights, rng))
    return column


def requests_table(template: str, rng: random.Random, subtotal: bool = False) -> Grid:
    """表三 as row -> column -> int, all identities holding; `subtotal` adds the 小计 column."""
    rows = request_rows(template)
    weights = _outcome_weights(template, rng)
    by_column = {col: _applicant_column(new, weights, rng) for col, new in _column_volumes(rng).items()}
    grid: Grid = {}
    for row in rows:
        cells = {col: by_column[col].get(row, 0) for col in APPLICANT_COLUMNS if col != "total"}
        if subtotal:
            cells["subtotal_org"] = sum(cells[c] for c in ORGANISATION_COLUMNS)
        cells["total"] = sum(cells[c] for c in APPLICANT_COLUMNS if c != "total")
        grid[row] = cells
    return grid


def review_table(rng: random.Random) -> Grid:
    """表四: per proceeding, outcomes summing to the total; most bodies have no cases at all."""
    grid: Grid = {}
    for proceeding in PROCEEDINGS:
        total = 0 if rng.random() < 0.55 else int(10 ** rng.uniform(0, 1.6))
        cells = split(total, _REVIEW_OUTCOME_WEIGHTS, rng)
        cells["total"] = total
        grid[proceeding] = {o: cells[o] for o in OUTCOMES}
    return grid


@dataclass(frozen=True, slots=True)
class ProactiveBlock:
    """One 第二十条 item block of 表二: its number (一/五/六/八/九), measure columns and item rows."""

    number: str
    measures: tuple[str, ...]
    items: tuple[str, ...]


PROACTIVE_BLOCKS: dict[str, tuple[ProactiveBlock, ...]] = {
    "2019": (
        ProactiveBlock("一", ("new_made", "new_published", "total_published"), ("regulations", "normative_documents")),
        ProactiveBlock("五", ("previous_year_count", "change", "decisions"), ("admin_licensing", "other_admin_services")),
        ProactiveBlock("六", ("previous_year_count", "change", "decisions"), ("admin_penalty", "admin_coercion")),
        ProactiveBlock("八", ("previous_year_count", "change"), ("admin_fees",)),
        ProactiveBlock("九", ("procurement_items", "procurement_amount"), ("govt_procurement",)),
    ),
    "2021": (
        ProactiveBlock("一", ("issued", "repealed", "in_force"), ("regulations", "normative_documents")),
        ProactiveBlock("五", ("decisions",), ("admin_licensing",)),
        ProactiveBlock("六", ("decisions",), ("admin_penalty", "admin_coercion")),
        ProactiveBlock("八", ("fee_amount",), ("admin_fees",)),
    ),
}


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount as printed: value in the printed unit (87694.8 万元), decimals shown."""

    value: float
    unit: str
    decimals: int

    def printed(self, with_unit: bool) -> str:
        text = f"{self.value:.{self.decimals}f}"
        return text + self.unit if with_unit else text


def _document_counts(rng: random.Random, active: bool, measures: tuple[str, ...]) -> dict[str, int]:
    made = rng.randint(0, 120) if active else 0
    published = max(0, made - rng.randint(0, 3)) if active else 0
    stock = published + (rng.randint(0, 900) if active else 0)
    values = {"new_made": made, "new_published": published, "total_published": stock,
              "issued": made, "repealed": rng.randint(0, made) if active else 0, "in_force": stock}
    return {m: values[m] for m in measures}


def _item_counts(rng: random.Random, measures: tuple[str, ...]) -> dict[str, int]:
    previous = rng.randint(0, 3000) if rng.random() < 0.7 else 0
    values = {"previous_year_count": previous, "change": rng.randint(-previous, 200),
              "decisions": int(10 ** rng.uniform(0, 5.5)) if rng.random() < 0.75 else 0}
    return {m: values[m] for m in measures}


def _amount(rng: random.Random, measure: str) -> Amount:
    if measure == "fee_amount":  # 2021: the header fixes 万元
        unit, scale, decimals = "万元", 20000.0, rng.choice((0, 2, 2))
    else:
        unit = rng.choice(("万元", "元", "亿元"))
        scale = {"元": 1e8, "万元": 1e5, "亿元": 20.0}[unit]
        decimals = {"元": 2, "万元": 1, "亿元": 2}[unit]
    # The truth value is the printed one: rounded to the decimals shown.
    return Amount(round(rng.uniform(0, scale), decimals), unit, decimals)


def proactive_table(template: str, rng: random.Random, issues_rules: bool) -> dict[str, dict[str, "int | Amount"]]:
    """表二 as item -> measure -> count or Amount, in block order."""
    grid: dict[str, dict[str, int | Amount]] = {}
    for block in PROACTIVE_BLOCKS[template]:
        for item in block.items:
            if block.number == "一":
                active = issues_rules if item == "regulations" else True
                grid[item] = dict(_document_counts(rng, active, block.measures))
            elif block.number == "九":
                items = rng.randint(0, 4000)
                grid[item] = {"procurement_items": items, "procurement_amount": _amount(rng, "procurement_amount")}
            elif block.measures == ("fee_amount",):
                grid[item] = {"fee_amount": _amount(rng, "fee_amount")}
            else:
                grid[item] = dict(_item_counts(rng, block.measures))
    return grid
