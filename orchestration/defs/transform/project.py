"""The dbt project and its manifest. The manifest is (re)built by `dbt parse` whenever a project file is
newer than it, so a fresh clone, the CLI, the tests and `dg dev` all load current dbt definitions."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject

from orchestration.settings import DBT_PROJECT_DIR, Settings, export_for_dbt

export_for_dbt(Settings.from_env())

# The dbt installed beside this Python (the venv's), even when the venv's bin/ is not on PATH.
_venv_dbt = Path(sys.executable).with_name("dbt")
DBT_EXECUTABLE = str(_venv_dbt) if _venv_dbt.exists() else (shutil.which("dbt") or "dbt")

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def _newest_source_mtime(project_dir: Path) -> float:
    patterns = ("models/**/*", "macros/**/*", "tests/**/*", "dbt_project.yml", "profiles.yml")
    return max((p.stat().st_mtime for pattern in patterns for p in project_dir.glob(pattern) if p.is_file()),
               default=0.0)


def dbt_cli(project: DbtProject) -> DbtCliResource:
    return DbtCliResource(project_dir=project, profiles_dir=str(project.project_dir), dbt_executable=DBT_EXECUTABLE)


def ensure_manifest(project: DbtProject) -> Path:
    manifest = project.manifest_path
    if not manifest.exists() or manifest.stat().st_mtime < _newest_source_mtime(project.project_dir):
        dbt_cli(project).cli(
            ["parse", "--quiet"], target_path=project.target_path
        ).wait()
    return manifest


ensure_manifest(dbt_project)
