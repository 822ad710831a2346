-- AlterTable: /记录 takes an optional quantity with its unit (15条, 3份).
ALTER TABLE "work_records" ADD COLUMN "quantity" INTEGER;
ALTER TABLE "work_records" ADD COLUMN "unit" TEXT;
