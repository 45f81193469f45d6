-- Process variants of units: each deployment into a unit's tenant; the definitions it holds (own) and
-- those of the unit's earlier variants it was deployed on top of (carried), which together are what the
-- unit used right after it; and which definition each unit uses per key (process and each table) now —
-- absent means the unit inherits that key.
create table unit_variant (
  deployment_id varchar(64) primary key,
  unit_id       varchar(64) not null,
  deployed_by   varchar(64),
  deployed_at   timestamp not null,
  note          varchar(2000)
);
create index unit_variant_unit on unit_variant (unit_id, deployed_at);

create table unit_variant_definition (
  deployment_id      varchar(64) not null references unit_variant (deployment_id),
  definition_key     varchar(255) not null,
  definition_id      varchar(64) not null,
  definition_version integer not null,
  own                boolean not null,
  primary key (deployment_id, definition_key)
);

create table unit_active_definition (
  unit_id            varchar(64) not null,
  definition_key     varchar(255) not null,
  definition_id      varchar(64) not null,
  definition_version integer not null,
  deployment_id      varchar(64) not null references unit_variant (deployment_id),
  activated_at       timestamp not null,
  activated_by       varchar(64),
  primary key (unit_id, definition_key)
);
