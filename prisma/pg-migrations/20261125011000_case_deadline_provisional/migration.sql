-- PostgreSQL twin of prisma/migrations/20261125011000_case_deadline_provisional (written by hand: the schema engine cannot run here).
-- AlterTable
ALTER TABLE "enterprise_cases" ADD COLUMN "deadline_provisional" BOOLEAN NOT NULL DEFAULT false;
