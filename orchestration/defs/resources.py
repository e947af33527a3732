"""Resources, configured from environment variables (orchestration.settings)."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb

from orchestration.defs.transform.project import dbt_cli, dbt_project
from orchestration.settings import Settings
from orchestration.staging import connect


class Warehouse(dg.ConfigurableResource):
    """The DuckDB warehouse file and the directories around it. DuckDB allows one writer per file, so
    read-only work opens it read-only and nothing keeps a connection open while dbt runs."""

    path: str
    landing_dir: str
    gx_dir: str
    extract_workers: int
    batch_size: int
    max_quarantine_share: float
    max_quarantine_jump: float
    min_reports_for_gate: int

    @classmethod
    def from_settings(cls, settings: Settings) -> "Warehouse":
        return cls(
            path=str(settings.warehouse_path),
            landing_dir=str(settings.landing_dir),
            gx_dir=str(settings.gx_dir),
            extract_workers=settings.extract_workers,
            batch_size=settings.batch_size,
            max_quarantine_share=settings.max_quarantine_share,
            max_quarantine_jump=settings.max_quarantine_jump,
            min_reports_for_gate=settings.min_reports_for_gate,
        )

    def connect(self, read_only: bool = False) -> duckdb.DuckDBPyConnection:
        return connect(Path(self.path), read_only=read_only)

    def row_counts(self, tables: list[str]) -> dict[str, int]:
        """Row counts of schema-qualified tables, read-only."""
        con = self.connect(read_only=True)
        try:
            return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}
        finally:
            con.close()


@dg.definitions
def resources() -> dg.Definitions:
    settings = Settings.from_env()
    return dg.Definitions(
        resources={
            "warehouse": Warehouse.from_settings(settings),
            "dbt": dbt_cli(dbt_project),
        }
    )
