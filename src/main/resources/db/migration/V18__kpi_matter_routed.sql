-- The dashboard lists the matters that entered the loop on given days (its drill-down from intake).
create index kpi_matter_routed on kpi_matter (routed_at);
