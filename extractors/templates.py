"""The template registry: per generation of the national format, which 表三 rows and 表四 cells exist.

One place answers "what must a report of this template print": the completeness contract
(coverage.py), the stream reader and `ogi eval` ask here. Labels and codes stay in catalogue.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import catalogue


@dataclass(frozen=True, slots=True)
class TemplateDef:
    name: str  # '2019' (国办公开办函〔2019〕60号) or '2021' (国办公开办函〔2021〕30号)
    first_year: int  # first statistics year the template is used for
    request_rows: tuple[str, ...]  # 表三 data rows in printed order
    other_rows: tuple[str, ...]  # the (六)其他处理 rows: one in 2019, three in 2021
    request_columns: tuple[str, ...]  # 表三 applicant columns every report prints (小计 is optional)
    review_cells: tuple[tuple[str, str], ...]  # 表四 (proceeding, outcome) in printed order

    def expected(self, table: str) -> tuple[tuple[str, str], ...]:
        """(row, column) of every cell the template has in `table` (表三 without an optional 小计)."""
        if table == "requests":
            return tuple((r, c) for r in self.request_rows for c in self.request_columns)
        if table == "review_litigation":
            return self.review_cells
        raise ValueError(f"no completeness contract for table {table!r}")


_REVIEW = tuple((p, o) for p in catalogue.PROCEEDINGS for o in catalogue.OUTCOMES)

TEMPLATES: dict[str, TemplateDef] = {
    name: TemplateDef(name, first_year, catalogue.REQUEST_SEQUENCE[name],
                      catalogue.OTHER_ROWS_2021 if name == "2021" else ("other_total",),
                      catalogue.APPLICANT_COLUMNS, _REVIEW)
    for name, first_year in (("2019", 2019), ("2021", 2021))
}
# Tables the completeness contract covers: every cell of them is read or flagged, never absent.
CONTRACT_TABLES: tuple[str, ...] = ("requests", "review_litigation")


def template_for_year(year: int | None) -> str | None:
    """The template in force for a statistics year, when no printed table tells."""
    if year is None:
        return None
    if year < TEMPLATES["2019"].first_year:
        return "pre2019"
    return "2019" if year < TEMPLATES["2021"].first_year else "2021"
