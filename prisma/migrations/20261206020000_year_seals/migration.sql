-- CreateTable
CREATE TABLE "year_seals" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "year" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "reason" TEXT,
    "as_of" TEXT,
    "figures" TEXT,
    "draft" TEXT,
    "appendix_hash" TEXT,
    "open_rows" TEXT,
    "docx" BLOB,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "year_seals_year_id_idx" ON "year_seals"("year", "id");
