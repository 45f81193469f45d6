-- The staff list finds a caller's matters reason by reason (led by my department, co-handled by it, in my
-- town or village, registered by me), each reason with its filter by one index, and counts them from the
-- index alone. Measured with bench/growth.sh at a million matters.

-- A co-handling row carries its matter's lead department (kept in step by Matters.handledBy and ledBy), unit
-- and registration time (neither changes): "co-handled by X and led by Y", "co-handled by X in my town" and a
-- department's co-handled matters newest first come from the index, without visiting every matter.
alter table matter_co_department add column lead_department varchar(64);
alter table matter_co_department add column unit_id varchar(64);
alter table matter_co_department add column registered_at timestamp;
update matter_co_department set
  lead_department = (select m.lead_department from matter m where m.id = matter_co_department.matter_id),
  unit_id = (select m.unit_id from matter m where m.id = matter_co_department.matter_id),
  registered_at = (select m.registered_at from matter m where m.id = matter_co_department.matter_id);
alter table matter_co_department alter column unit_id set not null;
alter table matter_co_department alter column registered_at set not null;
drop index matter_co_department_department;
create index matter_co_department_newest on matter_co_department (department, registered_at, matter_id);
create index matter_co_department_lead on matter_co_department (department, lead_department, registered_at, matter_id);
create index matter_co_department_unit on matter_co_department (department, unit_id, registered_at, matter_id);

-- A lead department's matters by each filter of the list, newest first, with the id for counting.
drop index matter_lead_registered;
create index matter_lead_registered on matter (lead_department, registered_at, id);
create index matter_lead_category on matter (lead_department, category, registered_at, id);
create index matter_lead_stage on matter (lead_department, stage, registered_at, id);
create index matter_lead_unit on matter (lead_department, unit_id, registered_at, id);
create index matter_lead_open on matter (lead_department, due_at, closed_at, id);

-- The same for a town's or village's matters.
drop index matter_unit_registered;
create index matter_unit_registered on matter (unit_id, registered_at, id);
create index matter_unit_category on matter (unit_id, category, registered_at, id);
create index matter_unit_stage on matter (unit_id, stage, registered_at, id);
create index matter_unit_open on matter (unit_id, due_at, closed_at, id);

-- Overdue matters (open, due before now) counted from the index; the list by due date.
drop index matter_due;
create index matter_due on matter (due_at, closed_at, id);
