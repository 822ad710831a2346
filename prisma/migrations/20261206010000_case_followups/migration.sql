-- 回访 (issue 28): one row per resolution judged by the enterprise; a 不满意 回访 reopens the
-- case, so the case counts its resolutions and each 回访 names the one it judged.
ALTER TABLE "enterprise_cases" ADD COLUMN "resolution_no" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "case_followups" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "case_id" INTEGER NOT NULL,
    "resolution_no" INTEGER NOT NULL,
    "resolved_date" TEXT NOT NULL,
    "method" TEXT,
    "visit_date" TEXT NOT NULL,
    "satisfaction" TEXT NOT NULL,
    "opinion" TEXT,
    "actor_id" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "case_followups_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "enterprise_cases" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- One 回访 per resolution: a second one (two clicks at once, two replicas) fails here.
CREATE UNIQUE INDEX "case_followups_case_id_resolution_no_key" ON "case_followups"("case_id", "resolution_no");
