-- PostgreSQL twin of prisma/migrations/20261129160000_outbox_order (written by hand).
-- AlterTable: the conversation a message belongs to; messages with one key leave in the order stored.
ALTER TABLE "outbox" ADD COLUMN "order_key" TEXT;

-- CreateIndex
CREATE INDEX "outbox_order_key_status_idx" ON "outbox"("order_key", "status");
