"""Thin entry point: everything lives under defs/, by concern (ingest, transform, quality, automation)."""

from pathlib import Path

import dagster as dg


@dg.definitions
def defs() -> dg.Definitions:
    return dg.load_from_defs_folder(path_within_project=Path(__file__).parent)
