-- PostgreSQL twin of prisma/migrations/20261125030000_work_records (written by hand: the schema engine cannot run here).
-- CreateTable
CREATE TABLE "work_records" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "chat_id" TEXT,
    "source_key" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "work_records_source_key_key" ON "work_records"("source_key");

-- CreateIndex
CREATE INDEX "work_records_kind_date_idx" ON "work_records"("kind", "date");
