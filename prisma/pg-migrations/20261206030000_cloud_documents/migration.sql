-- PostgreSQL twin of prisma/migrations/20261206030000_cloud_documents (written by hand: the schema engine cannot run here).
-- CreateTable
CREATE TABLE "cloud_documents" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "document_id" TEXT,
    "url" TEXT,
    "chunks_written" INTEGER NOT NULL DEFAULT 0,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "commented" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "cloud_documents_key_key" ON "cloud_documents"("key");

-- CreateIndex
CREATE UNIQUE INDEX "cloud_documents_document_id_key" ON "cloud_documents"("document_id");

-- CreateTable
CREATE TABLE "ledger_records" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "app_token" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,
    "synced_at" TIMESTAMP(3) NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ledger_records_app_token_code_key" ON "ledger_records"("app_token", "code");
