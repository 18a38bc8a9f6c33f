-- Key projects for the province benchmark, added to a generated ledger (or a reused one that
-- has none): :today is replaced before it runs.

-- 重点项目: 20,000 project units (every step-th enterprise; all of them in a small run) with
-- their project records at every stage, a third of them behind their next stage date, and this
-- month's progress report from half of them.
create temp table gen_projects as
select e.id as enterprise_id,
       1 + (e.id % (select count(*) from departments)) as department_id,
       ((e.id / s.step) % 7 - 1)::int as stage,
       (:today::date + ((e.id * 7919) % 300 - 100)::int) as anchor,
       (1000 + (e.id * 104729) % 50000)::numeric as investment
from enterprises e,
     (select greatest(1, count(*) / 20000) as step from enterprises) s
where e.id % s.step = 0
order by e.id
limit 20000;

update enterprises set kind = 'project' where id in (select enterprise_id from gen_projects);

insert into projects (enterprise_id, name, department_id, investment, invested, year_plan,
                      year_invested, stage, planned, reached, due_on, due_stage)
select g.enterprise_id, '项目' || g.enterprise_id, g.department_id, g.investment,
       round(g.investment * (g.stage + 1) / 7, 2), round(g.investment * 0.3, 2),
       round(g.investment * 0.3 * ((g.enterprise_id % 11) / 10.0), 2),
       nullif(g.stage, -1)::smallint,
       array(select g.anchor + (i - (g.stage + 1)) * 90 from generate_series(0, 5) i),
       array(select case when i <= g.stage then g.anchor + (i - (g.stage + 1)) * 90 end
             from generate_series(0, 5) i),
       case when g.stage < 5 then g.anchor end,
       case when g.stage < 5 then (g.stage + 1)::smallint end
from gen_projects g;

insert into project_reports (project_id, month, stage, invested, problems, reported_at)
select p.id, date_trunc('month', :today::date)::date, p.stage, 100, '{施工用电增容手续未批复}',
       :today::timestamptz
from projects p
where p.id % 2 = 0 and coalesce(p.stage, -1) < 5;

drop table gen_projects;
