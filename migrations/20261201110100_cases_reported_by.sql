-- A department head's report of their cadres (`/team`) counts the cases each cadre reported in
-- a period and finds the latest one: by reporter and time, not by scanning every case.
create index cases_reported_by_idx on cases (reported_by, created_at);
