-- Intake over the REST facade: coordinates, who registered a matter (and the walk-in operator acting for a
-- resident), attachment links, the current due date; idempotency keys of intake requests.
alter table matter add column latitude double precision;
alter table matter add column longitude double precision;
alter table matter add column registered_by varchar(64);
alter table matter add column operator_id varchar(64);
alter table matter add column attachments varchar(5100);
alter table matter add column due_at timestamp;

create index matter_reporter_category on matter (reporter_phone, category);
create index matter_registered on matter (registered_at);

-- One row per (caller, Idempotency-Key): a retry finds the matter the first request registered or merged into.
create table intake_request (
  caller          varchar(64)  not null,
  idempotency_key varchar(200) not null,
  matter_id       bigint references matter (id),
  duplicate       boolean      not null default false,
  created_at      timestamp    not null,
  primary key (caller, idempotency_key)
);
