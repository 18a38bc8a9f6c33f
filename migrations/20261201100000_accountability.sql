-- 问责: measures the accountability rules propose and the leaders decide; 不断线: the silences
-- of cadres told to their unit head and the campaign office; 总结推广: typical cases.
-- Nothing here is ever deleted: a measure changes only by a decision, which leaves an event.

-- A proposed measure: which rule fired on which subject, the measure, the evidence (the rule's
-- figures, rendered in each reader's language), and the leaders' decision. `person_id` is the
-- person the measure is addressed to, `department_id` their unit (its head is told too).
-- `subject` names what the rule looked at (`case:12`, `department:3`, `person:7`): the same rule
-- on the same subject is proposed again only when none is pending and the last is old enough.
create table measures (
    id             bigint generated always as identity primary key,
    rule           text not null,
    subject        text not null,
    person_id      bigint references people (id),
    department_id  bigint references departments (id),
    case_id        bigint references cases (id),
    measure        text not null,
    evidence       jsonb not null default '{}',
    status         text not null default 'proposed',
    proposed_at    timestamptz not null,
    decided_at     timestamptz,
    decided_by     bigint references people (id),
    reason         text,
    is_demo        boolean not null default false,
    constraint measures_rule_check check (rule in ('red_card', 'score', 'silence', 'returns')),
    constraint measures_measure_check check (measure in ('reminder_talk', 'interview', 'circular', 'accountability')),
    constraint measures_status_check check (status in ('proposed', 'confirmed', 'dismissed')),
    constraint measures_decision_check check ((status = 'proposed') = (decided_at is null)),
    constraint measures_reason_check check (status <> 'dismissed' or reason is not null)
);
create unique index measures_pending_key on measures (rule, subject) where status = 'proposed';
create index measures_subject_idx on measures (rule, subject, proposed_at desc);
create index measures_decided_idx on measures (decided_at) where status = 'confirmed';
create index measures_person_idx on measures (person_id);

-- The measure's process record: proposed, changed (from one measure to another), confirmed,
-- dismissed. Append-only.
create table measure_events (
    id           bigint generated always as identity primary key,
    measure_id   bigint not null references measures (id),
    actor_id     bigint references people (id),
    kind         text not null,
    from_measure text,
    to_measure   text,
    note         text,
    created_at   timestamptz not null,
    constraint measure_events_kind_check check (kind in ('proposed', 'changed', 'confirmed', 'dismissed'))
);
create index measure_events_measure_idx on measure_events (measure_id, id);

create function refuse_measure_removal() returns trigger
language plpgsql as $$
begin
    raise exception '% keeps every row', tg_table_name using errcode = 'P0001',
        constraint = tg_table_name || '_kept';
end;
$$;
create trigger measures_kept before delete on measures
    for each row execute function refuse_measure_removal();
create trigger measures_no_truncate before truncate on measures
    for each statement execute function refuse_measure_removal();
create trigger measure_events_kept before update or delete on measure_events
    for each row execute function refuse_measure_removal();
create trigger measure_events_no_truncate before truncate on measure_events
    for each statement execute function refuse_measure_removal();

-- A cadre's silence (no visit, zero report or case since `since`) that reached twice the visit
-- period: told to their unit head and the campaign office once per silence.
create table silences (
    cadre_id    bigint not null references people (id),
    since       date not null,
    told_at     timestamptz not null,
    primary key (cadre_id, since)
);

-- 典型案例: a closed case or a project a leader marked as good practice, with a short note.
create table typical_cases (
    id          bigint generated always as identity primary key,
    case_id     bigint references cases (id),
    project_id  bigint references projects (id),
    note        text not null,
    marked_by   bigint references people (id),
    marked_at   timestamptz not null,
    is_demo     boolean not null default false,
    constraint typical_cases_target_check check ((case_id is null) <> (project_id is null)),
    constraint typical_cases_case_key unique (case_id),
    constraint typical_cases_project_key unique (project_id)
);
create index typical_cases_marked_idx on typical_cases (marked_at);
create trigger typical_cases_kept before delete on typical_cases
    for each row execute function refuse_measure_removal();
