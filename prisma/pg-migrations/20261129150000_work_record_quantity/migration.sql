-- PostgreSQL twin of prisma/migrations/20261129150000_work_record_quantity (written by hand).
ALTER TABLE "work_records" ADD COLUMN "quantity" INTEGER;
ALTER TABLE "work_records" ADD COLUMN "unit" TEXT;
