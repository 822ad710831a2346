-- PostgreSQL twin of prisma/migrations/20261125020000_study (written by hand: the schema engine cannot run here).
-- CreateTable
CREATE TABLE "study_sessions" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "topic" TEXT NOT NULL,
    "chat_id" TEXT NOT NULL,
    "opened_by" TEXT NOT NULL,
    "held_date" TEXT NOT NULL,
    "opened_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMP(3),
    "card_message_id" TEXT,
    "source_key" TEXT
);

-- CreateTable
CREATE TABLE "study_attendances" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "session_id" INTEGER NOT NULL,
    "open_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "makeup" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "recorded_by" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "study_attendances_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "study_sessions" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "study_sessions_source_key_key" ON "study_sessions"("source_key");

-- CreateIndex
CREATE INDEX "study_sessions_held_date_idx" ON "study_sessions"("held_date");

-- CreateIndex
CREATE UNIQUE INDEX "study_attendances_session_id_open_id_key" ON "study_attendances"("session_id", "open_id");
