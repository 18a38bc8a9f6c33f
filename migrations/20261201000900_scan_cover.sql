-- The reminder scan reads a page of open cases from their own row alone (the enterprise's name
-- only for the few it has news of): the page index carries those columns, so a page is read
-- from the index without visiting the table.
drop index cases_scan_idx;
create index cases_scan_idx on cases (id)
    include (number, enterprise_id, status, deadline, dispatched_at, resolved_at, supervised_at,
             department_id, assignee_id, updated_at)
    where status in ('dispatched', 'accepted', 'in_progress', 'resolved');
