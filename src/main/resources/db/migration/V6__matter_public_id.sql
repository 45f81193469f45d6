-- The id a matter is known by in public listings (Open311): random, so that listing requests reveals no
-- tracking number and the tracking numbers of others cannot be walked through. Filled in for older rows at start.
alter table matter add column public_id varchar(32);
create unique index matter_public_id on matter (public_id);
