"""The main job, its daily schedule and the landing-directory sensor."""


import hashlib
from pathlib import Path

import dagster as dg

from orchestration.settings import Settings
from orchestration.staging import iter_landing_paths

# In-process: every step talks to one DuckDB file, which allows a single writer, and the extraction
# asset parallelises over a process pool of its own.
ogi_main_job = dg.define_asset_job(
    name="ogi_main_job",
    selection=dg.AssetSelection.all(),
    description="Landing → raw → staging/intermediate → GX identity gate → marts.",
    executor_def=dg.in_process_executor,
)

daily_refresh = dg.ScheduleDefinition(
    name="daily_refresh",
    job=ogi_main_job,
    cron_schedule="0 3 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.STOPPED,
)


def landing_fingerprint(landing_dir: Path) -> str:
    """Changes when a file arrives, changes (size or mtime) or leaves; reads no file contents."""
    digest = hashlib.sha256()
    for path in iter_landing_paths(landing_dir):
        stat = path.stat()
        digest.update(f"{path.relative_to(landing_dir)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dg.sensor(job=ogi_main_job, minimum_interval_seconds=300, default_status=dg.DefaultSensorStatus.STOPPED)
def landing_dir_sensor(context: dg.SensorEvaluationContext):
    """Starts a run when files arrive in, change in or leave the landing directory."""
    landing = Settings.from_env().landing_dir
    if not landing.is_dir():
        return dg.SkipReason(f"landing directory {landing} does not exist")
    fingerprint = landing_fingerprint(landing)
    if fingerprint == context.cursor:
        return dg.SkipReason("no new or changed files")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=fingerprint)


@dg.definitions
def automation() -> dg.Definitions:
    return dg.Definitions(jobs=[ogi_main_job], schedules=[daily_refresh], sensors=[landing_dir_sensor])
