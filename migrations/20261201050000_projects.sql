-- 重点项目: a project unit's project record, its monthly progress reports (月报) and the
-- escalations of projects behind their stage dates.

-- One project per project unit (enterprises.kind = 'project'). Stages are numbered 0..5:
-- 签约 signed, 立项 approved, 开工 started, 在建 building, 竣工 finished, 投产 producing; a null
-- stage is a project not signed yet. Amounts are 万元. `planned` and `reached` hold the planned
-- and actual date of each stage (index 1..6 = stage 0..5). `due_on` is the planned date of the
-- earliest stage not reached, written with the stage and the dates (never a flag that goes
-- stale: behind schedule is `due_on < today`, decided when read).
create table projects (
    id             bigint generated always as identity primary key,
    enterprise_id  bigint not null references enterprises (id),
    name           text not null,
    department_id  bigint references departments (id),
    investment     numeric(14, 2) not null default 0,
    invested       numeric(14, 2) not null default 0,
    year_plan      numeric(14, 2) not null default 0,
    year_invested  numeric(14, 2) not null default 0,
    stage          smallint,
    planned        date[] not null default '{NULL,NULL,NULL,NULL,NULL,NULL}',
    reached        date[] not null default '{NULL,NULL,NULL,NULL,NULL,NULL}',
    due_on         date,
    due_stage      smallint,
    is_demo        boolean not null default false,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint projects_enterprise_key unique (enterprise_id),
    constraint projects_stage_check check (stage between 0 and 5),
    constraint projects_due_stage_check check (due_stage between 0 and 5),
    constraint projects_dates_check check (cardinality(planned) = 6 and cardinality(reached) = 6),
    constraint projects_amounts_check check (investment >= 0 and invested >= 0 and year_plan >= 0
                                             and year_invested >= 0)
);
create index projects_due_idx on projects (due_on) where due_on is not null;
create index projects_department_idx on projects (department_id);
-- The board names the first projects of each stage by name.
create index projects_stage_name_idx on projects ((coalesce(stage, -1)), name, id);

-- A cadre's monthly progress report (月报) of one project: the stage reached, the investment
-- completed that month and the problems holding it back. One per project and month (the first
-- day of the month); a second report of the month replaces the first.
create table project_reports (
    id           bigint generated always as identity primary key,
    project_id   bigint not null references projects (id),
    month        date not null,
    stage        smallint,
    invested     numeric(14, 2) not null,
    problems     text[] not null default '{}',
    reporter_id  bigint references people (id),
    reported_at  timestamptz not null,
    constraint project_reports_month_key unique (project_id, month),
    constraint project_reports_month_check check (extract(day from month) = 1),
    constraint project_reports_stage_check check (stage between 0 and 5),
    constraint project_reports_invested_check check (invested >= 0)
);
create index project_reports_month_idx on project_reports (month);

-- A project behind its stage date turned yellow (the department head told) or red (the
-- leaders told): once per project, stage date and colour.
create table project_escalations (
    project_id  bigint not null references projects (id),
    due_on      date not null,
    colour      text not null,
    decided_at  timestamptz not null,
    primary key (project_id, due_on, colour),
    constraint project_escalations_colour_check check (colour in ('yellow', 'red'))
);
