-- The co-handling departments of a matter, beside its lead: who handles it, without asking the engine.
alter table matter add column co_departments varchar(500);
