-- PostgreSQL twin of prisma/migrations/20261206000000_inbox_fair_lanes (written by hand).
-- A fair inbox: due rows are found per lane (each chat's oldest), so one chat's backlog never
-- hides another chat's first event (sql/pg-queues.ts). The index holds the rows still to
-- handle by lane, in order; rows stored before lanes were kept get a lane of their own.
-- prisma/schema cannot declare a partial index: the drift tests list it by hand.
UPDATE "inbox" SET "lane" = "event_id" WHERE "lane" IS NULL AND status IN ('pending', 'processing');

CREATE INDEX "inbox_unfinished_lane_idx" ON "inbox"("lane", "id") WHERE status IN ('pending', 'processing');
