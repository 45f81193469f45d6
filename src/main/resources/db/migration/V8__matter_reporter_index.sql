-- Each intake looks for an open matter of the same reporter and category (a repeat): by index, not by
-- reading every matter.
create index matter_reporter_category on matter (reporter_phone, category);
