-- The assessment counts each cadre's visits in a period: a range scan by date.
create index visits_day_cover_idx on visits (visited_on) include (cadre_id, enterprise_id);
