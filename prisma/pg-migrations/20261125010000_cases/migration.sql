-- PostgreSQL twin of prisma/migrations/20261125010000_cases (written by hand: the schema engine cannot run here).
-- CreateTable
CREATE TABLE "enterprises" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "normalized_name" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "enterprise_cases" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "enterprise_id" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "department" TEXT,
    "received_date" TEXT NOT NULL,
    "deadline_days" INTEGER NOT NULL,
    "original_deadline" TEXT NOT NULL,
    "deadline" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'registered',
    "reporter_id" TEXT NOT NULL,
    "assignee_id" TEXT,
    "resolution" TEXT,
    "resolved_date" TEXT,
    "resolved_by" TEXT,
    "return_reason" TEXT,
    "source_key" TEXT,
    "source" TEXT NOT NULL DEFAULT 'chat',
    "chat_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "enterprise_cases_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "case_events" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "case_id" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT,
    "note" TEXT,
    CONSTRAINT "case_events_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "enterprise_cases" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "enterprises_normalized_name_key" ON "enterprises"("normalized_name");

-- CreateIndex
CREATE UNIQUE INDEX "enterprise_cases_code_key" ON "enterprise_cases"("code");

-- CreateIndex
CREATE UNIQUE INDEX "enterprise_cases_source_key_key" ON "enterprise_cases"("source_key");

-- CreateIndex
CREATE INDEX "enterprise_cases_status_deadline_idx" ON "enterprise_cases"("status", "deadline");

-- CreateIndex
CREATE INDEX "enterprise_cases_year_category_idx" ON "enterprise_cases"("year", "category");

-- CreateIndex
CREATE INDEX "enterprise_cases_reporter_id_idx" ON "enterprise_cases"("reporter_id");

-- CreateIndex
CREATE INDEX "enterprise_cases_assignee_id_idx" ON "enterprise_cases"("assignee_id");

-- CreateIndex
CREATE UNIQUE INDEX "enterprise_cases_year_seq_key" ON "enterprise_cases"("year", "seq");

-- CreateIndex
CREATE INDEX "case_events_case_id_at_idx" ON "case_events"("case_id", "at");

-- CreateIndex
CREATE INDEX "case_events_kind_idx" ON "case_events"("kind");
