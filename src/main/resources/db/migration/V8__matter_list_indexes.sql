-- The staff list filters by unit, lead department and category and sorts by registration time; open matters
-- are listed by due date (overdue first). Measured with bench/growth.sh.
create index matter_unit_registered on matter (unit_id, registered_at);
create index matter_lead_registered on matter (lead_department, registered_at);
create index matter_category_registered on matter (category, registered_at);
create index matter_due on matter (due_at);
