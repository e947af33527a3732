"""The Dagster definitions load as `dg` sees them, and the sensor reacts to the landing directory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import dagster as dg

from tests.e2e.conftest import REPO_ROOT, make_landing, pipeline_env


def test_dg_check_defs_passes():
    dg_cli = Path(sys.executable).with_name("dg")
    done = subprocess.run([str(dg_cli), "check", "defs"], cwd=REPO_ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "All definitions loaded successfully" in done.stdout + done.stderr


def test_definitions_hold_the_graph_checks_schedule_and_sensor():
    from orchestration.definitions import defs

    definitions = defs()
    graph = definitions.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert {"raw/cells", "intermediate/int_report_metrics", "quality/identity_results", "quality/report_status",
            "marts/fct_report_metric", "marts/fct_foi_requests", "marts/fct_review_litigation",
            "marts/fct_proactive_disclosure", "marts/dim_report", "marts/dim_agency", "marts/dim_metric",
            "marts/dim_applicant_type"} <= keys
    checks = {c.name for c in graph.asset_check_keys}
    assert {"t3_flow", "t3_res", "t3_row", "t3_nn", "t4_rev", "t4_ld", "t4_lr", "t4_nn",
            "quarantine_share_within_bounds"} <= checks
    # Marts are downstream of the gate.
    assert dg.AssetKey(["quality", "report_status"]) in graph.get(dg.AssetKey(["marts", "dim_report"])).parent_keys
    assert definitions.resolve_schedule_def("daily_refresh").cron_schedule == "0 3 * * *"
    assert definitions.resolve_sensor_def("landing_dir_sensor") is not None


def test_sensor_requests_a_run_only_when_the_landing_directory_changes(tmp_path):
    from orchestration.defs.automation.jobs import landing_dir_sensor

    landing = make_landing(tmp_path, with_bad_files=False)
    with pipeline_env(landing, tmp_path / "w.duckdb"), dg.instance_for_test() as instance:
        first = landing_dir_sensor(dg.build_sensor_context(instance=instance))
        assert isinstance(first, dg.RunRequest)
        unchanged = landing_dir_sensor(dg.build_sensor_context(instance=instance, cursor=first.run_key))
        assert isinstance(unchanged, dg.SkipReason)
        (landing / "new-report.txt").write_text("新到的报告", encoding="utf-8")
        arrived = landing_dir_sensor(dg.build_sensor_context(instance=instance, cursor=first.run_key))
        assert isinstance(arrived, dg.RunRequest) and arrived.run_key != first.run_key
