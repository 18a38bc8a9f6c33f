-- Reporting rollups: county-wide figures without scanning the facts (see BENCHMARKS.md).
-- Everything here is kept by triggers in the same transaction as the change it counts, so it
-- can never go stale; the raw `report_facts` and `cases` stay the definition, and the scoped or
-- filtered queries still read them. A test checks that both paths agree.
--
-- Counts are kept per local day, per week (from Monday) and per calendar month, so that the
-- periods people ask for (this or last week or month) read one set of rows, and any range reads
-- a few: whole months, then whole weeks, then single days.
--
-- Dimensions are encoded without nulls so that they can be keys:
--   dim 0 = the county total, 1 = category (`category`), 2 = department (`ref_id`, 0 = none yet),
--   3 = township (`ref_id`), 4 = the cadre the enterprise is paired with today (`ref_id`, 0 = none);
--   unused parts are '' and 0. Re-pairing an enterprise moves its counts to the new cadre.

-- The local day figures are counted by (the settings' timezone). Readers compare it with their
-- own setting and fall back to the raw path when they differ.
create table report_rollup_zone (
    only_one boolean primary key default true check (only_one),
    timezone text not null
);
insert into report_rollup_zone (timezone) values ('Asia/Shanghai');

create function report_local_day(t timestamptz) returns date
language sql stable as $$
    select (t at time zone (select timezone from report_rollup_zone))::date
$$;

-- The grains a day is counted in: itself ('d'), its week ('w', from Monday), its month ('m').
create function report_grains(d date) returns table (grain "char", start date)
language sql immutable as $$
    values ('d'::"char", d), ('w'::"char", d - (extract(isodow from d)::integer - 1)),
           ('m'::"char", date_trunc('month', d)::date)
$$;

-- Per grain and dimension: new cases (as the cases stand) and each flow figure.
create table report_counts (
    grain            "char" not null,
    start            date not null,
    dim              smallint not null,
    category         text not null default '',
    ref_id           bigint not null default 0,
    new              integer not null default 0,
    dispatched       integer not null default 0,
    signed_for       integer not null default 0,
    returned         integer not null default 0,
    resolved         integer not null default 0,
    resolved_on_time integer not null default 0,
    closed           integer not null default 0,
    reopened         integer not null default 0,
    satisfied        integer not null default 0,
    primary key (grain, start, dim, category, ref_id)
);

create function report_counts_add(
    p_day date, p_category text, p_department bigint, p_township bigint, p_cadre bigint,
    p_dims smallint[], p_new integer, p_dispatched integer, p_signed_for integer, p_returned integer,
    p_resolved integer, p_on_time integer, p_closed integer, p_reopened integer, p_satisfied integer
) returns void
language sql as $$
    insert into report_counts as d (grain, start, dim, category, ref_id, new, dispatched, signed_for,
                                    returned, resolved, resolved_on_time, closed, reopened, satisfied)
    select g.grain, g.start, k.dim, k.category, k.ref_id, p_new, p_dispatched, p_signed_for, p_returned,
           p_resolved, p_on_time, p_closed, p_reopened, p_satisfied
    from report_grains(p_day) g
    cross join (values (0::smallint, ''::text, 0::bigint), (1::smallint, p_category, 0::bigint),
                 (2::smallint, '', coalesce(p_department, 0)), (3::smallint, '', p_township),
                 (4::smallint, '', coalesce(p_cadre, 0)))
         as k (dim, category, ref_id)
    where k.dim = any(p_dims)
    on conflict (grain, start, dim, category, ref_id) do update set
        new = d.new + excluded.new,
        dispatched = d.dispatched + excluded.dispatched,
        signed_for = d.signed_for + excluded.signed_for,
        returned = d.returned + excluded.returned,
        resolved = d.resolved + excluded.resolved,
        resolved_on_time = d.resolved_on_time + excluded.resolved_on_time,
        closed = d.closed + excluded.closed,
        reopened = d.reopened + excluded.reopened,
        satisfied = d.satisfied + excluded.satisfied
$$;

-- Durations for the medians: a histogram per grain, in buckets of whole hours below a week
-- and whole days above. The median itself stays exact: the reader finds the bucket holding the
-- middle rank from the histogram, then reads only that bucket's facts (`report_facts_duration_idx`).
create function report_duration_bucket(seconds float8) returns integer
language sql immutable parallel safe as $$
    select case when seconds < 604800 then floor(seconds / 3600)::integer
                else 161 + floor(seconds / 86400)::integer end
$$;

create table report_durations (
    grain  "char" not null,
    start  date not null,
    kind   text not null,
    bucket integer not null,
    n      integer not null,
    primary key (grain, start, kind, bucket)
);

create index report_facts_duration_idx on report_facts
    (kind, report_duration_bucket(extract(epoch from at - since)::float8), at) include (since)
    where kind in ('accepted', 'resolved') and since is not null;

-- What one fact adds to the counts (`p_sign` -1 takes it away), in the dimensions `p_dims`.
create function report_fact_add(f report_facts, p_cadre bigint, p_dims smallint[], p_sign integer)
returns void
language plpgsql as $$
declare
    d date := report_local_day(f.at);
begin
    perform report_counts_add(d, f.category, f.department_id, f.township_id, p_cadre, p_dims, 0,
        p_sign * (f.kind = 'dispatched')::integer,
        p_sign * (f.kind = 'accepted')::integer,
        p_sign * (f.kind = 'returned')::integer,
        p_sign * (f.kind = 'resolved')::integer,
        p_sign * coalesce(f.kind = 'resolved' and d <= f.deadline, false)::integer,
        p_sign * (f.kind = 'closed')::integer,
        p_sign * (f.kind = 'reopened')::integer,
        p_sign * coalesce(f.kind in ('closed', 'reopened')
                          and f.satisfaction in ('satisfied', 'basically_satisfied'), false)::integer);
end;
$$;

create function report_rollup_fact() returns trigger
language plpgsql as $$
declare
    d date := report_local_day(new.at);
begin
    perform report_fact_add(new, (select cadre_id from enterprises where id = new.enterprise_id),
                            '{0,1,2,3,4}', 1);
    if new.kind in ('accepted', 'resolved') and new.since is not null then
        insert into report_durations as h (grain, start, kind, bucket, n)
        select g.grain, g.start, new.kind,
               report_duration_bucket(extract(epoch from new.at - new.since)::float8), 1
        from report_grains(d) g
        on conflict (grain, start, kind, bucket) do update set n = h.n + 1;
    end if;
    return null;
end;
$$;
create trigger report_rollup_fact after insert on report_facts
    for each row execute function report_rollup_fact();

-- The ledger as it stands ("stock"), as of a day: one snapshot per day asked for, built from the
-- cases the first time a county-wide summary asks for that day (under a share lock on cases,
-- so no change slips between the build and the trigger), then kept by the trigger below.
create table report_stock_days (day date primary key);

create table report_stock (
    day                   date not null references report_stock_days on delete cascade,
    dim                   smallint not null,
    category              text not null default '',
    ref_id                bigint not null default 0,
    awaiting_dispatch     integer not null default 0,
    awaiting_sign_for     integer not null default 0,
    in_progress           integer not null default 0,
    awaiting_confirmation integer not null default 0,
    open                  integer not null default 0,
    overdue               integer not null default 0,
    primary key (day, dim, category, ref_id)
);

create function report_stock_add(
    p_status text, p_category text, p_department bigint, p_township bigint, p_cadre bigint,
    p_dims smallint[], p_deadline date, p_sign integer
) returns void
language sql as $$
    insert into report_stock as s (day, dim, category, ref_id, awaiting_dispatch, awaiting_sign_for,
                                   in_progress, awaiting_confirmation, open, overdue)
    select sd.day, k.dim, k.category, k.ref_id,
           p_sign * (p_status in ('reported', 'info_requested', 'returned'))::integer,
           p_sign * (p_status = 'dispatched')::integer,
           p_sign * (p_status in ('accepted', 'in_progress'))::integer,
           p_sign * (p_status = 'resolved')::integer,
           p_sign,
           p_sign * coalesce(p_status in ('dispatched', 'accepted', 'in_progress')
                             and p_deadline < sd.day, false)::integer
    from report_stock_days sd
    cross join (values (0::smallint, ''::text, 0::bigint), (1::smallint, p_category, 0::bigint),
                       (2::smallint, '', coalesce(p_department, 0)), (3::smallint, '', p_township),
                       (4::smallint, '', coalesce(p_cadre, 0)))
         as k (dim, category, ref_id)
    where p_status <> 'closed' and k.dim = any(p_dims)
    on conflict (day, dim, category, ref_id) do update set
        awaiting_dispatch = s.awaiting_dispatch + excluded.awaiting_dispatch,
        awaiting_sign_for = s.awaiting_sign_for + excluded.awaiting_sign_for,
        in_progress = s.in_progress + excluded.in_progress,
        awaiting_confirmation = s.awaiting_confirmation + excluded.awaiting_confirmation,
        open = s.open + excluded.open,
        overdue = s.overdue + excluded.overdue
$$;

-- The snapshot for a day, built from the cases unless it exists. The share lock waits for the
-- transactions changing cases and holds off new ones while the snapshot is built, so every
-- change is either in the build or applied to it by the trigger. Older snapshots are dropped.
create function report_stock_snapshot(p_day date) returns void
language plpgsql as $$
begin
    if exists (select 1 from report_stock_days where day = p_day) then
        return;
    end if;
    lock table cases in share mode;
    insert into report_stock_days (day) values (p_day) on conflict do nothing;
    if not found then
        return;
    end if;
    delete from report_stock_days where day < p_day;
    insert into report_stock (day, dim, category, ref_id, awaiting_dispatch, awaiting_sign_for,
                              in_progress, awaiting_confirmation, open, overdue)
    select p_day, k.dim, k.category, k.ref_id,
           count(*) filter (where c.status in ('reported', 'info_requested', 'returned')),
           count(*) filter (where c.status = 'dispatched'),
           count(*) filter (where c.status in ('accepted', 'in_progress')),
           count(*) filter (where c.status = 'resolved'),
           count(*),
           count(*) filter (where c.status in ('dispatched', 'accepted', 'in_progress')
                            and c.deadline < p_day)
    from cases c
    join enterprises e on e.id = c.enterprise_id
    cross join lateral (values (0::smallint, ''::text, 0::bigint), (1::smallint, c.category, 0::bigint),
                               (2::smallint, '', coalesce(c.department_id, 0)), (3::smallint, '', c.township_id),
                               (4::smallint, '', coalesce(e.cadre_id, 0)))
         as k (dim, category, ref_id)
    where c.status <> 'closed'
    group by k.dim, k.category, k.ref_id;
end;
$$;

-- New cases count under the case as it stands: a re-dispatch (or any change of category,
-- department or township) moves the case's count from its old group to its new one.
create function report_rollup_case() returns trigger
language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        if tg_op = 'DELETE'
                or (old.created_at, old.category, old.department_id, old.township_id, old.enterprise_id)
                is distinct from
                   (new.created_at, new.category, new.department_id, new.township_id, new.enterprise_id) then
            perform report_counts_add(report_local_day(old.created_at), old.category, old.department_id,
                                      old.township_id,
                                      (select cadre_id from enterprises where id = old.enterprise_id),
                                      '{0,1,2,3,4}', -1, 0, 0, 0, 0, 0, 0, 0, 0);
        end if;
        if tg_op = 'DELETE'
                or (old.status, old.category, old.department_id, old.township_id, old.enterprise_id, old.deadline)
                is distinct from
                   (new.status, new.category, new.department_id, new.township_id, new.enterprise_id, new.deadline) then
            perform report_stock_add(old.status, old.category, old.department_id, old.township_id,
                                     (select cadre_id from enterprises where id = old.enterprise_id),
                                     '{0,1,2,3,4}', old.deadline, -1);
        end if;
    end if;
    if tg_op = 'INSERT' or (tg_op = 'UPDATE'
            and (old.created_at, old.category, old.department_id, old.township_id, old.enterprise_id)
                is distinct from
                (new.created_at, new.category, new.department_id, new.township_id, new.enterprise_id)) then
        perform report_counts_add(report_local_day(new.created_at), new.category, new.department_id,
                                  new.township_id,
                                  (select cadre_id from enterprises where id = new.enterprise_id),
                                  '{0,1,2,3,4}', 1, 0, 0, 0, 0, 0, 0, 0, 0);
    end if;
    if tg_op = 'INSERT' or (tg_op = 'UPDATE'
            and (old.status, old.category, old.department_id, old.township_id, old.enterprise_id, old.deadline)
                is distinct from
                (new.status, new.category, new.department_id, new.township_id, new.enterprise_id, new.deadline)) then
        perform report_stock_add(new.status, new.category, new.department_id, new.township_id,
                                 (select cadre_id from enterprises where id = new.enterprise_id),
                                 '{0,1,2,3,4}', new.deadline, 1);
    end if;
    return null;
end;
$$;
create trigger report_rollup_case after insert or update or delete on cases
    for each row execute function report_rollup_case();

-- Re-pairing an enterprise with another cadre moves its facts and cases between the cadres.
create function report_rollup_enterprise() returns trigger
language plpgsql as $$
declare
    f report_facts;
    c cases;
begin
    for f in select * from report_facts where enterprise_id = new.id loop
        perform report_fact_add(f, old.cadre_id, '{4}', -1);
        perform report_fact_add(f, new.cadre_id, '{4}', 1);
    end loop;
    for c in select * from cases where enterprise_id = new.id loop
        perform report_counts_add(report_local_day(c.created_at), c.category, c.department_id, c.township_id,
                                  old.cadre_id, '{4}', -1, 0, 0, 0, 0, 0, 0, 0, 0);
        perform report_counts_add(report_local_day(c.created_at), c.category, c.department_id, c.township_id,
                                  new.cadre_id, '{4}', 1, 0, 0, 0, 0, 0, 0, 0, 0);
        perform report_stock_add(c.status, c.category, c.department_id, c.township_id, old.cadre_id, '{4}',
                                 c.deadline, -1);
        perform report_stock_add(c.status, c.category, c.department_id, c.township_id, new.cadre_id, '{4}',
                                 c.deadline, 1);
    end loop;
    return null;
end;
$$;
create trigger report_rollup_enterprise after update of cadre_id on enterprises
    for each row when (old.cadre_id is distinct from new.cadre_id)
    execute function report_rollup_enterprise();

-- Rebuilds the day rollups from the facts and the cases (and drops the stock snapshots, which
-- rebuild themselves when next asked for): for what was recorded before this migration, and for
-- bulk loads that run with the triggers disabled.
create function report_rollups_rebuild() returns void
language plpgsql as $$
begin
    delete from report_counts;
    delete from report_durations;
    delete from report_stock_days;
    insert into report_counts (grain, start, dim, category, ref_id, new, dispatched, signed_for, returned,
                               resolved, resolved_on_time, closed, reopened, satisfied)
    select 'd', day, dim, k.category, ref_id, sum(new), sum(dispatched), sum(signed_for), sum(returned),
           sum(resolved), sum(resolved_on_time), sum(closed), sum(reopened), sum(satisfied)
    from (
        select report_local_day(f.at) as day, f.category, coalesce(f.department_id, 0) as department_id,
               f.township_id, f.enterprise_id, 0 as new,
               (f.kind = 'dispatched')::integer as dispatched,
               (f.kind = 'accepted')::integer as signed_for,
               (f.kind = 'returned')::integer as returned,
               (f.kind = 'resolved')::integer as resolved,
               coalesce(f.kind = 'resolved' and report_local_day(f.at) <= f.deadline, false)::integer
                   as resolved_on_time,
               (f.kind = 'closed')::integer as closed,
               (f.kind = 'reopened')::integer as reopened,
               coalesce(f.kind in ('closed', 'reopened')
                        and f.satisfaction in ('satisfied', 'basically_satisfied'), false)::integer as satisfied
        from report_facts f
        union all
        select report_local_day(c.created_at), c.category, coalesce(c.department_id, 0), c.township_id,
               c.enterprise_id, 1, 0, 0, 0, 0, 0, 0, 0, 0
        from cases c
    ) x
    join enterprises e on e.id = x.enterprise_id
    cross join lateral (values (0::smallint, ''::text, 0::bigint), (1::smallint, x.category, 0::bigint),
                               (2::smallint, '', x.department_id), (3::smallint, '', x.township_id),
                               (4::smallint, '', coalesce(e.cadre_id, 0)))
         as k (dim, category, ref_id)
    group by day, dim, k.category, ref_id
    order by day, dim, k.category, ref_id;

    insert into report_durations (grain, start, kind, bucket, n)
    select 'd', report_local_day(at), kind, report_duration_bucket(extract(epoch from at - since)::float8),
           count(*)
    from report_facts
    where kind in ('accepted', 'resolved') and since is not null
    group by 2, 3, 4
    order by 2, 3, 4;

    -- Weeks and months from the days.
    insert into report_counts (grain, start, dim, category, ref_id, new, dispatched, signed_for, returned,
                               resolved, resolved_on_time, closed, reopened, satisfied)
    select g.grain, g.start, c.dim, c.category, c.ref_id, sum(c.new), sum(c.dispatched), sum(c.signed_for),
           sum(c.returned), sum(c.resolved), sum(c.resolved_on_time), sum(c.closed), sum(c.reopened),
           sum(c.satisfied)
    from report_counts c cross join lateral report_grains(c.start) g
    where c.grain = 'd' and g.grain <> 'd'
    group by 1, 2, 3, 4, 5
    order by 1, 2, 3, 4, 5;

    insert into report_durations (grain, start, kind, bucket, n)
    select g.grain, g.start, h.kind, h.bucket, sum(h.n)
    from report_durations h cross join lateral report_grains(h.start) g
    where h.grain = 'd' and g.grain <> 'd'
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4;
end;
$$;

select report_rollups_rebuild();
analyze report_counts;
analyze report_durations;
