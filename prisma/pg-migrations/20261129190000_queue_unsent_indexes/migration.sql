-- PostgreSQL twin of prisma/migrations/20261129190000_queue_unsent_indexes (written by hand).
-- Partial indexes on the rows still to handle or send: the queues keep every handled row, and
-- with statistics taken during a burst (most rows pending) the planner walked the primary key
-- through every handled one to find the due few (10-15 ms a look-up at 2,000 rows). These stay
-- as small as the backlog; the queries repeat their WHERE as an AND term (sql/pg-queues.ts).
-- prisma/schema cannot declare a partial index: the drift test lists these by hand.
CREATE INDEX "inbox_unfinished_idx" ON "inbox"("id") WHERE status IN ('pending', 'processing');

CREATE INDEX "outbox_unsent_idx" ON "outbox"("id") WHERE status IN ('pending', 'sending');

-- The earlier unsent rows of a conversation (order key), looked up for every row found due.
CREATE INDEX "outbox_unsent_order_key_idx" ON "outbox"("order_key", "id") WHERE status IN ('pending', 'sending');
