-- PostgreSQL twin of prisma/migrations/20261125040000_job_runs (written by hand: the schema engine cannot run here).
-- CreateTable
CREATE TABLE "job_runs" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "job_id" TEXT NOT NULL,
    "period_key" TEXT NOT NULL,
    "scheduled_at" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "owner" TEXT NOT NULL,
    "lease_until" TIMESTAMP(3) NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "finished_at" TIMESTAMP(3),
    "outcome" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "job_runs_job_id_period_key_key" ON "job_runs"("job_id", "period_key");
