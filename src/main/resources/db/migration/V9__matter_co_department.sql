-- The departments co-handling a matter, one row each, so the staff list finds a department's matters by
-- index instead of matching the comma list in matter.co_departments (which stays: it is what a matter shows).
-- Filled from that list by V10.
create table matter_co_department (
  matter_id  bigint      not null references matter (id),
  department varchar(64) not null,
  primary key (matter_id, department)
);

create index matter_co_department_department on matter_co_department (department, matter_id);
