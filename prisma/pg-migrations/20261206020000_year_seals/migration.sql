-- PostgreSQL twin of prisma/migrations/20261206020000_year_seals (written by hand: the schema engine cannot run here).
-- CreateTable
CREATE TABLE "year_seals" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "reason" TEXT,
    "as_of" TEXT,
    "figures" TEXT,
    "draft" TEXT,
    "appendix_hash" TEXT,
    "open_rows" TEXT,
    "docx" BYTEA,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "year_seals_year_id_idx" ON "year_seals"("year", "id");
