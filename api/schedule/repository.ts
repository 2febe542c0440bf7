import type { Db } from '../db/index.js';

/** `job_runs`: one row per (job, period) that ran, so no job runs twice on any instance. */

/** Claim a job's run for a period; false when it already ran (or another instance holds it). */
export async function claimJobRun(db: Db, run: { job: string; period: string; instance: string; now: Date }): Promise<boolean> {
  const claimed = await db.query(
    `insert into job_runs (job, period, status, instance, started_at, finished_at) values ($1, $2, 'done', $3, $4, $4)
     on conflict (job, period) do nothing returning job`,
    [run.job, run.period, run.instance, run.now],
  );
  return claimed.length > 0;
}
