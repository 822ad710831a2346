-- PostgreSQL twin of prisma/migrations/20261129000000_outbox_target_index (written by hand).
CREATE INDEX "outbox_target_status_idx" ON "outbox"("target", "status");
