-- Reporting: the figures' own projection of the process record (see the README, "Figures and
-- assessment"). One row per event a figure counts, with the case's dimensions as they were when
-- the event happened, written by a trigger in the same transaction as the event: summaries read
-- a narrow table by time instead of joining events to the whole ledger, and can never go stale.

create table report_facts (
    event_id      bigint primary key,
    case_id       bigint not null,
    -- dispatched, accepted, returned, resolved, closed, reopened
    kind          text not null,
    at            timestamptz not null,
    category      text not null,
    township_id   bigint not null,
    enterprise_id bigint not null,
    -- the department that held the case at that moment
    department_id bigint,
    -- the deadline in force at that moment (a resolution is on time when its local date is not after it)
    deadline      date,
    -- accepted: the dispatch it answers; resolved: when the case was reported
    since         timestamptz,
    -- closed and reopened: the enterprise's answer
    satisfaction  text,
    constraint report_facts_kind_check check (kind in
        ('dispatched', 'accepted', 'returned', 'resolved', 'closed', 'reopened'))
);
-- County-wide figures for a period: an index-only range scan by time.
create index report_facts_at_idx on report_facts (at)
    include (kind, category, department_id, township_id, enterprise_id, deadline, satisfaction, since);
create index report_facts_department_idx on report_facts (department_id, at);
create index report_facts_enterprise_idx on report_facts (enterprise_id, at);
create index report_facts_township_idx on report_facts (township_id, at);
-- The response rate counts sign-fors by the dispatch they answer.
create index report_facts_accept_since_idx on report_facts (since)
    include (at, department_id, enterprise_id, category, township_id) where kind = 'accepted';

-- The projection of the process record: the single definition of a fact, used by the trigger
-- for each new event and by a rebuild for all of them.
create view report_facts_source as
    select ev.id as event_id, c.id as case_id, ev.kind, ev.created_at as at, c.category, c.township_id,
           c.enterprise_id,
           coalesce((ev.data ->> 'department_id')::bigint, c.department_id) as department_id,
           coalesce((ev.data ->> 'deadline')::date, c.deadline) as deadline,
           case ev.kind when 'accepted' then c.dispatched_at when 'resolved' then c.created_at end as since,
           case when ev.kind in ('closed', 'reopened')
                then coalesce(ev.data ->> 'satisfaction', c.satisfaction) end as satisfaction
    from case_events ev join cases c on c.id = ev.case_id
    where ev.kind in ('dispatched', 'accepted', 'returned', 'resolved', 'closed', 'reopened');

create function report_facts_capture() returns trigger
language plpgsql as $$
begin
    if new.kind in ('dispatched', 'accepted', 'returned', 'resolved', 'closed', 'reopened') then
        insert into report_facts select * from report_facts_source where event_id = new.id;
    end if;
    return null;
end;
$$;
create trigger report_facts_capture after insert on case_events
    for each row execute function report_facts_capture();

-- Events recorded before this migration.
insert into report_facts select * from report_facts_source on conflict (event_id) do nothing;

-- New cases in a period, and the ledger as it stands (stock figures), without touching the wide rows.
create index cases_created_cover_idx on cases (created_at)
    include (category, department_id, township_id, enterprise_id, status);
create index cases_open_cover_idx on cases (status)
    include (category, department_id, township_id, enterprise_id, deadline) where status <> 'closed';
