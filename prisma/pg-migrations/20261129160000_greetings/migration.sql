-- PostgreSQL twin of prisma/migrations/20261129160000_greetings (written by hand: the schema engine cannot run here).
-- CreateTable
CREATE TABLE "greetings" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "greetings_kind_subject_key" ON "greetings"("kind", "subject");
