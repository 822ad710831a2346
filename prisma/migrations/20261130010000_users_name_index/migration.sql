-- The 指派 picker's people (known-people.ts: open_ids by name, the first 100): every case card
-- asks for them. Without an index each card read and sorted the whole users table, which grows
-- with every chat member the bot meets (0.8 ms a card at 3,000 people); this walks the names in
-- order and stops after the people asked for.
CREATE INDEX "users_name_open_id_idx" ON "users"("name", "open_id");
