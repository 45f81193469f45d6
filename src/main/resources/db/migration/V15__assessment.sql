-- Assessment: the timeline keeps the limits and outcomes it names, so the read model can be rebuilt from it.
alter table matter_event add column due_at timestamp;
alter table matter_event add column satisfaction varchar(32);
alter table matter_event add column resolved boolean;

-- One row per matter: its lead, limits, when they were met, and its outcome (assessment's fact table).
create table kpi_matter (
  matter_id        bigint       primary key references matter (id),
  category         varchar(64)  not null,
  unit_id          varchar(64)  not null,
  registered_at    timestamp    not null,
  lead_department  varchar(64),
  routed_at        timestamp,
  sign_due         timestamp,
  signed_at        timestamp,
  signed_by        varchar(64),
  handle_due       timestamp,
  handled_at       timestamp,
  handled_by       varchar(64),
  handled_on_time  boolean,
  open_stage       varchar(32),
  open_due         timestamp,
  return_count     integer      not null,
  rework_count     integer      not null,
  satisfaction     varchar(32),
  resolved         boolean,
  closed_at        timestamp,
  sign_for_seconds bigint,
  handle_seconds   bigint,
  loop_seconds     bigint
);
create index kpi_matter_closed on kpi_matter (closed_at);
create index kpi_matter_signed on kpi_matter (signed_at);
create index kpi_matter_open on kpi_matter (open_due, closed_at);

-- Per-day roll-ups: counts per day (Asia/Shanghai), department, unit, category and cadre ('' where none acted).
create table kpi_day (
  on_day               date        not null,
  department           varchar(64) not null,
  unit_id              varchar(64) not null,
  category             varchar(64) not null,
  cadre                varchar(64) not null,
  registered           bigint      not null default 0,
  received             bigint      not null default 0,
  responded            bigint      not null default 0,
  responded_on_time    bigint      not null default 0,
  signed               bigint      not null default 0,
  signed_on_time       bigint      not null default 0,
  returned             bigint      not null default 0,
  redispatched         bigint      not null default 0,
  handled              bigint      not null default 0,
  closed               bigint      not null default 0,
  closed_on_time       bigint      not null default 0,
  closed_reworked      bigint      not null default 0,
  judged               bigint      not null default 0,
  resolved             bigint      not null default 0,
  satisfied            bigint      not null default 0,
  basically_satisfied  bigint      not null default 0,
  warned               bigint      not null default 0,
  urged                bigint      not null default 0,
  supervised           bigint      not null default 0,
  extended             bigint      not null default 0,
  reworked             bigint      not null default 0,
  primary key (on_day, department, unit_id, category, cadre)
);
