-- CreateTable
CREATE TABLE "cloud_documents" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "document_id" TEXT,
    "url" TEXT,
    "chunks_written" INTEGER NOT NULL DEFAULT 0,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "commented" BOOLEAN NOT NULL DEFAULT false,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "cloud_documents_key_key" ON "cloud_documents"("key");

-- CreateIndex
CREATE UNIQUE INDEX "cloud_documents_document_id_key" ON "cloud_documents"("document_id");

-- CreateTable
CREATE TABLE "ledger_records" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "app_token" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "synced_at" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ledger_records_app_token_code_key" ON "ledger_records"("app_token", "code");
