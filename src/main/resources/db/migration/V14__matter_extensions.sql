-- Extensions (延期) the dispatch centre granted a matter's handling: assessment counts them.
alter table matter add column extensions integer default 0 not null;
