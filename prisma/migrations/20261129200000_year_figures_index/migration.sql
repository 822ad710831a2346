-- The year-end figures (/总结) at district scale (bench:scale, 1,000,000 cases over ten years):
-- a year's cases in (category, enterprise) order with every column the figures count, so the
-- GROUP BY reads the index alone, in order, without a temporary sort or a lookup per row.
-- It replaces (year, category), a prefix of it.
DROP INDEX "enterprise_cases_year_category_idx";
CREATE INDEX "enterprise_cases_year_figures_idx" ON "enterprise_cases"("year", "category", "enterprise_id", "status", "received_date", "resolved_date", "deadline");
