-- PostgreSQL twin of prisma/migrations/20261129160000_case_scale_indexes (written by hand).

-- /我的: a person's open cases, reported or assigned (replaces the single-column indexes).
DROP INDEX "enterprise_cases_reporter_id_idx";
DROP INDEX "enterprise_cases_assignee_id_idx";
CREATE INDEX "enterprise_cases_reporter_id_status_idx" ON "enterprise_cases"("reporter_id", "status");
CREATE INDEX "enterprise_cases_assignee_id_status_idx" ON "enterprise_cases"("assignee_id", "status");

-- Weekly progress: cases received per day and category since 1 January, counted from the index alone.
CREATE INDEX "enterprise_cases_received_date_category_status_idx" ON "enterprise_cases"("received_date", "category", "status");

-- Weekly progress: cases resolved in the week.
CREATE INDEX "enterprise_cases_status_resolved_date_idx" ON "enterprise_cases"("status", "resolved_date");
