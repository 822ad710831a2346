-- CreateIndex: the outbox claim checks for an earlier unsent row of the same target.
CREATE INDEX "outbox_target_status_idx" ON "outbox"("target", "status");
