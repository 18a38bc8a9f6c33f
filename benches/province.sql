-- A province-scale ledger for the benchmark, generated set-based in a fresh database.
-- :enterprises, :people, :cases, :visits and :today are replaced before it runs; ids start at 1.
-- People 1..70% are cadres, then officers (27%), dispatchers (2%) and leaders (1%); cadres and
-- officers belong to departments (a cadre's unit, whose head hears their work). Then one
-- liaison (联络员) per township.

select setseed(0.42);

insert into townships (code, name)
select 'T' || g, '乡镇' || g from generate_series(1, greatest(:enterprises / 100, 10)) g;

insert into departments (code, name)
select 'D' || g, '部门' || g from generate_series(1, greatest(:people / 33, 5)) g;

create temp table gen_sizes as
select (select count(*) from townships)::bigint as townships,
       (select count(*) from departments)::bigint as departments,
       (:people * 70 / 100)::bigint as cadres,
       (:people * 97 / 100)::bigint as last_officer,
       (:people * 99 / 100)::bigint as last_dispatcher;

insert into people (code, name, roles, department_id)
select 'P' || g, '人员' || g,
       case when g <= s.cadres then array['cadre']
            when g <= s.last_officer then array['officer']
            when g <= s.last_dispatcher then array['dispatcher']
            else array['leader'] end,
       case when g <= s.last_officer then 1 + (g % s.departments) end
from generate_series(1::bigint, :people) g, gen_sizes s;

insert into people (code, name, roles, township_id)
select 'TP' || t.id, '联络员' || t.id, array['township'], t.id from townships t;

insert into enterprises (code, name, township_id, cadre_id)
select 'E' || g, '企业' || g, 1 + (g % s.townships), 1 + (g % s.cadres)
from generate_series(1::bigint, :enterprises) g, gen_sizes s;

-- Each case's timeline; a null step has not happened (yet) by :today.
create temp table gen as
with base as (
    select g as id,
           1 + ((g * 7919) % :enterprises) as enterprise_id,
           (array['key_project', 'industry', 'commerce', 'construction', 'tourism', 'technology',
                  'transport', 'culture', 'finance'])[1 + g % 9] as category,
           (array['simple', 'moderate', 'hard', 'major'])[1 + (g / 9) % 4] as difficulty,
           (array[7, 14, 28, 56])[1 + (g / 9) % 4] as limit_days,
           1 + ((g * 31) % s.departments) as department_id,
           1 + ((g * 17) % s.departments) as first_department_id,
           :today::timestamptz - random() * interval '1095 days' as created_at,
           random() as r_return, random() as r_reopen, random() as r_stuck, random() as r_sat,
           interval '1 hour' * (2 + random() * 40) as to_dispatch,
           interval '1 hour' * (1 + random() * 70) as to_accept,
           interval '1 day' * (1 + random() * 35) as to_resolve,
           interval '1 hour' * (4 + random() * 120) as to_confirm,
           s.cadres, s.departments, s.cadres + 1 as first_officer
    from generate_series(1::bigint, :cases) g, gen_sizes s
), steps as (
    select b.*,
           b.created_at + b.to_dispatch as first_dispatch_at,
           case when b.r_return < 0.05 then b.created_at + b.to_dispatch + interval '20 hours' end as returned_at,
           b.created_at + b.to_dispatch + case when b.r_return < 0.05 then interval '2 days' else interval '0' end
               as dispatched_at
    from base b
), more as (
    select st.*,
           st.dispatched_at + st.to_accept as accepted_at,
           case when st.r_stuck < 0.02 then null else st.dispatched_at + st.to_accept + st.to_resolve end
               as first_resolved_at
    from steps st
), timeline as (
    select m.*,
           case when m.r_reopen < 0.03 and m.first_resolved_at is not null
                then m.first_resolved_at + interval '2 days' end as reopened_at,
           case when m.r_reopen < 0.03 and m.first_resolved_at is not null
                then m.first_resolved_at + interval '9 days' else m.first_resolved_at end as resolved_at
    from more m
)
select t.*,
       t.resolved_at + t.to_confirm as closed_at,
       ((t.dispatched_at at time zone 'Asia/Shanghai')::date + t.limit_days) as deadline
from timeline t;

-- Steps after :today have not happened, nor has anything after them.
update gen set returned_at = null where returned_at > :today::timestamptz;
update gen set first_dispatch_at = null where first_dispatch_at > :today::timestamptz;
update gen set dispatched_at = null where dispatched_at > :today::timestamptz;
update gen set accepted_at = null where dispatched_at is null or accepted_at > :today::timestamptz;
update gen set first_resolved_at = null where accepted_at is null or first_resolved_at > :today::timestamptz;
update gen set reopened_at = null where first_resolved_at is null or reopened_at > :today::timestamptz;
update gen set resolved_at = first_resolved_at where reopened_at is null;
update gen set resolved_at = null where resolved_at > :today::timestamptz;
update gen set closed_at = null where resolved_at is null or closed_at > :today::timestamptz;

-- The rollups are rebuilt once at the end instead of row by row.
alter table cases disable trigger report_rollup_case;
alter table report_facts disable trigger report_rollup_fact;

insert into cases (id, number, enterprise_id, township_id, category, difficulty, description, status,
                   reported_by, department_id, assignee_id, deadline, dispatched_at, accepted_at,
                   resolved_at, closed_at, resolution, satisfaction, supervised_at, return_count,
                   reopen_count, created_at, updated_at)
overriding system value
select g.id, 'PV-' || extract(year from g.created_at at time zone 'Asia/Shanghai') || '-' || lpad(g.id::text, 7, '0'),
       g.enterprise_id, 1 + (g.enterprise_id % (select townships from gen_sizes)), g.category, g.difficulty,
       '企业反映的问题，编号 ' || g.id || '：用地、用电、融资或审批方面需要协调解决。',
       case when g.closed_at is not null then 'closed'
            when g.resolved_at is not null then 'resolved'
            when g.reopened_at is not null then 'in_progress'
            when g.accepted_at + interval '1 day' <= :today::timestamptz then 'in_progress'
            when g.accepted_at is not null then 'accepted'
            when g.dispatched_at is not null then 'dispatched'
            when g.returned_at is not null then 'returned'
            when g.first_dispatch_at is not null then 'dispatched'
            else 'reported' end,
       1 + (g.enterprise_id % g.cadres),
       case when g.dispatched_at is not null then g.department_id
            when g.first_dispatch_at is not null then g.first_department_id end,
       case when g.first_dispatch_at is not null then g.first_officer + (g.department_id - 1) end,
       case when g.first_dispatch_at is not null then g.deadline end,
       coalesce(g.dispatched_at, g.first_dispatch_at), g.accepted_at, g.resolved_at, g.closed_at,
       case when g.resolved_at is not null then '已协调解决' end,
       case when g.closed_at is not null then
            case when g.r_sat < 0.8 then 'satisfied' else 'basically_satisfied' end
            when g.reopened_at is not null then 'unsatisfied' end,
       case when g.r_stuck < 0.01 then g.created_at + interval '10 days' end,
       case when g.returned_at is not null then 1 else 0 end,
       case when g.reopened_at is not null then 1 else 0 end,
       g.created_at, coalesce(g.closed_at, g.resolved_at, g.accepted_at, g.dispatched_at, g.created_at)
from gen g
order by g.id;

alter table case_events disable trigger report_facts_capture;
alter table case_events disable trigger report_latest_note_capture;

insert into case_events (case_id, actor_id, kind, from_status, to_status, note, data, created_at)
select g.id, e.actor_id, e.kind, e.from_status, e.to_status, e.note, e.data, e.at
from gen g
cross join lateral (values
    (1, 1 + (g.enterprise_id % g.cadres), 'reported', null, 'reported', '提出问题', '{}'::jsonb, g.created_at),
    (2, null, 'dispatched', 'reported', 'dispatched', null,
        jsonb_build_object('department_id', case when g.r_return < 0.05 then g.first_department_id else g.department_id end,
                           'deadline', g.deadline), g.first_dispatch_at),
    (3, g.first_officer + (g.first_department_id - 1), 'returned', 'dispatched', 'returned', '不属于本部门职责',
        jsonb_build_object('department_id', g.first_department_id), g.returned_at),
    (4, null, 'dispatched', 'returned', 'dispatched', null,
        jsonb_build_object('department_id', g.department_id, 'deadline', g.deadline),
        case when g.returned_at is not null then g.dispatched_at end),
    (5, g.first_officer + (g.department_id - 1), 'accepted', 'dispatched', 'accepted', null, '{}'::jsonb, g.accepted_at),
    (6, g.first_officer + (g.department_id - 1), 'progress', 'accepted', 'in_progress', '正在协调办理',
        '{}'::jsonb, case when g.accepted_at is not null then g.accepted_at + interval '1 day' end),
    (7, g.first_officer + (g.department_id - 1), 'resolved', 'in_progress', 'resolved', '已协调解决',
        '{}'::jsonb, case when g.reopened_at is not null then g.first_resolved_at end),
    (8, 1 + (g.enterprise_id % g.cadres), 'reopened', 'resolved', 'in_progress', '企业不满意',
        jsonb_build_object('satisfaction', 'unsatisfied'), g.reopened_at),
    (9, g.first_officer + (g.department_id - 1), 'resolved', 'in_progress', 'resolved', '已协调解决',
        '{}'::jsonb, g.resolved_at),
    (10, 1 + (g.enterprise_id % g.cadres), 'closed', 'resolved', 'closed', null,
        jsonb_build_object('satisfaction', case when g.r_sat < 0.8 then 'satisfied' else 'basically_satisfied' end),
        g.closed_at)
) as e(seq, actor_id, kind, from_status, to_status, note, data, at)
where e.at is not null and e.at <= :today::timestamptz
order by g.id, e.seq;

-- The same projection the trigger writes, for every event at once.
insert into report_facts select * from report_facts_source;

alter table case_events enable trigger report_facts_capture;
alter table report_facts enable trigger report_rollup_fact;
alter table cases enable trigger report_rollup_case;
select report_rollups_rebuild();
alter table case_events enable trigger report_latest_note_capture;
select report_latest_notes_rebuild();

insert into visits (enterprise_id, cadre_id, visited_on, note, no_problems, created_at)
select x.e, 1 + (x.e % (select cadres from gen_sizes)), x.day, '走访企业', random() < 0.7, x.day::timestamptz
from generate_series(1::bigint, :visits) g
cross join lateral (select 1 + ((g * 104729) % :enterprises) as e,
                           :today::date - (random() * 1095 + g * 0)::int as day) x;

drop table gen;
drop table gen_sizes;
