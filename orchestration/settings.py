"""Where things live, read from environment variables so every entry point (CLI, `dg`, the UI, tests)
agrees. All paths are absolute: dbt runs from a copy of the project and must not resolve them itself."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
SAMPLE_LANDING_DIR = PROJECT_ROOT / "samples" / "landing"
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"


def _path(var: str, default: Path) -> Path:
    return Path(os.environ.get(var) or default).expanduser().resolve()


def _float(var: str, default: float) -> float:
    return float(os.environ.get(var) or default)


def _int(var: str, default: int) -> int:
    return int(os.environ.get(var) or default)


@dataclass(frozen=True)
class Settings:
    landing_dir: Path
    warehouse_path: Path
    gx_dir: Path
    extract_workers: int
    batch_size: int
    # Publication gate: a jump in the quarantined share means an extractor regression, not agencies.
    max_quarantine_share: float
    max_quarantine_jump: float
    min_reports_for_gate: int

    @classmethod
    def from_env(cls) -> "Settings":
        warehouse = _path("OGI_WAREHOUSE", DEFAULT_DATA_DIR / "warehouse.duckdb")
        return cls(
            landing_dir=_path("OGI_LANDING_DIR", SAMPLE_LANDING_DIR),
            warehouse_path=warehouse,
            gx_dir=_path("OGI_GX_DIR", warehouse.parent / "gx"),
            extract_workers=_int("OGI_EXTRACT_WORKERS", os.cpu_count() or 1),
            batch_size=_int("OGI_BATCH_SIZE", 2000),
            max_quarantine_share=_float("OGI_MAX_QUARANTINE_SHARE", 0.5),
            max_quarantine_jump=_float("OGI_MAX_QUARANTINE_JUMP", 0.2),
            min_reports_for_gate=_int("OGI_MIN_REPORTS_FOR_GATE", 20),
        )


def export_for_dbt(settings: Settings) -> None:
    """dbt reads the warehouse path from OGI_WAREHOUSE (profiles.yml); make it the resolved absolute one."""
    os.environ["OGI_WAREHOUSE"] = str(settings.warehouse_path)
