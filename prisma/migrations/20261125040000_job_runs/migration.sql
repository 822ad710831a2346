-- CreateTable
CREATE TABLE "job_runs" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "job_id" TEXT NOT NULL,
    "period_key" TEXT NOT NULL,
    "scheduled_at" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "owner" TEXT NOT NULL,
    "lease_until" DATETIME NOT NULL,
    "started_at" DATETIME NOT NULL,
    "finished_at" DATETIME,
    "outcome" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "job_runs_job_id_period_key_key" ON "job_runs"("job_id", "period_key");
