-- AlterTable
ALTER TABLE "enterprise_cases" ADD COLUMN "deadline_provisional" BOOLEAN NOT NULL DEFAULT false;
