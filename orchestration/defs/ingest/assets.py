"""Landing directory → raw schema: the document registry, every cell and narrative fact as published, and
the findings (identity instances proven broken from unreadable cells)."""


from pathlib import Path

import dagster as dg

from orchestration.defs.resources import Warehouse
from orchestration.staging import ingest_landing

RAW_TABLES = {
    "landing_files": "The landing directory as last scanned. Grain: one row per input file.",
    "extractions": "The document registry's extraction outcomes. Grain: one row per distinct file content "
                   "(sha256), extracted once per extractor version.",
    "cells": "Every 表二/表三/表四 cell as published (raw text, value, unit, semantic, line span). "
             "Grain: one row per report × table × row × column.",
    "narrative_facts": "Numbers stated in the prose with their sentence. Grain: one row per report × fact.",
    "findings": "Identity instances the printed digits prove broken although their cells are unreadable "
                "(glued digits no cut of which adds up), with the proof and its line span. "
                "Grain: one row per report × finding (one per identity instance).",
    "metric_catalogue": "The label catalogue's metrics. Grain: one row per table × row code.",
    "column_catalogue": "The label catalogue's columns. Grain: one row per table × column code.",
    "identity_catalogue": "The identity catalogue (expectations/identities.py). Grain: one row per identity.",
}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", name], description=description, group_name="ingest", kinds={"python", "duckdb"})
        for name, description in RAW_TABLES.items()
    ],
)
def raw_extractions(context: dg.AssetExecutionContext, warehouse: Warehouse):
    """Scan the landing directory, extract new or changed files in batches, stage the results.

    Files whose content was already extracted by the current extractor version are not read again.
    """
    def on_batch(batch: int, size: int) -> None:
        context.log.info(f"extracted batch {batch} ({size} files)")

    summary = ingest_landing(
        Path(warehouse.path),
        Path(warehouse.landing_dir),
        workers=warehouse.extract_workers,
        batch_size=warehouse.batch_size,
        on_batch=on_batch,
    )
    context.log.info(
        f"{summary.files_seen} files seen, {summary.extracted + summary.rejected + summary.failed} extracted "
        f"({summary.rejected} rejected, {summary.failed} failed), {summary.skipped_unchanged} unchanged"
    )
    counts = warehouse.row_counts([f"raw.{name}" for name in RAW_TABLES])
    run_metadata = {
        "files_seen": summary.files_seen,
        "newly_extracted": summary.extracted,
        "newly_rejected": summary.rejected,
        "extractor_failures": summary.failed,
        "unchanged_skipped": summary.skipped_unchanged,
        "landing_dir": dg.MetadataValue.path(warehouse.landing_dir),
    }
    for name in RAW_TABLES:
        yield dg.MaterializeResult(
            asset_key=["raw", name],
            metadata={"dagster/row_count": counts[f"raw.{name}"], **run_metadata},
        )
