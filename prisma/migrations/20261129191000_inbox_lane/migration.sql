-- AlterTable: the chat whose events are handled one after another, kept at receipt so finding
-- due rows need not read (and parse) every payload again; null on rows stored before.
ALTER TABLE "inbox" ADD COLUMN "lane" TEXT;
