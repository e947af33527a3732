"""Shared fixtures: the seed reports and their truth files from the shared directory.

The shared directory is `<repo>/../shared` unless OGI_SHARED_DIR points elsewhere.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import pytest

from extractors import ExtractionResult, extract_file, normalised_text

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_DIR = Path(os.environ.get("OGI_SHARED_DIR", REPO_ROOT.parent / "shared"))
SEEDS_DIR = SHARED_DIR / "seeds"
CORPUS_DIR = SHARED_DIR / "corpus"
SEED_NAMES = ("000_ee2ac1f4facddbc2", "001_16a26869f300a3bd", "002_11efede76b55d959", "003_91a4c20e6918bacb",
              "004_4a8b712bfc0e61a8")


def seed_path(stem: str) -> Path:
    path = SEEDS_DIR / f"{stem}.txt"
    if not path.exists():
        pytest.fail(f"seed {path} missing: set OGI_SHARED_DIR to the shared directory")
    return path


@lru_cache(maxsize=None)
def seed_result(stem: str) -> ExtractionResult:
    return extract_file(seed_path(stem))


@lru_cache(maxsize=None)
def seed_lines(stem: str) -> tuple[str, ...]:
    path = seed_path(stem)
    return tuple(normalised_text(path.read_bytes(), path.name).split("\n"))


@lru_cache(maxsize=None)
def seed_truth(stem: str) -> dict:
    return json.loads((SEEDS_DIR / f"{stem}.truth.json").read_text(encoding="utf-8"))


def cells_by_key(result: ExtractionResult, table: str) -> dict[tuple[str, str], object]:
    return {(c.row, c.column): c for c in result.cells if c.table == table}
