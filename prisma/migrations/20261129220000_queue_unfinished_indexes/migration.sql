-- Partial indexes on the rows still to handle or send, as on PostgreSQL (pg-migrations
-- 20261129190000_queue_unsent_indexes): the status-led indexes kept handled rows out of the
-- look-up, but SQLite still read the whole backlog through them and sorted it by id (payloads
-- included) on every look-up, so a bot behind a burst of thousands of events spent more time
-- finding work the further behind it was. These hold the backlog in id order; the queries name
-- them (INDEXED BY, sql/sqlite-queues.ts) and stop after the rows asked for.
-- prisma/schema cannot declare a partial index: the drift tests list these by hand.
CREATE INDEX "inbox_unfinished_idx" ON "inbox"("id") WHERE status IN ('pending', 'processing');

CREATE INDEX "outbox_unsent_idx" ON "outbox"("id") WHERE status IN ('pending', 'sending');

-- The earlier unsent rows of a conversation (order key), looked up for every row found due.
CREATE INDEX "outbox_unsent_order_key_idx" ON "outbox"("order_key", "id") WHERE status IN ('pending', 'sending');
