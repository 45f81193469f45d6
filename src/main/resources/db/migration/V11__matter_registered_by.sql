-- A caller sees the matters they registered (intake systems, walk-in operators): found by index, not by scan.
create index matter_registered_by on matter (registered_by, registered_at);
