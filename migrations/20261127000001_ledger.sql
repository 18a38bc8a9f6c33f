-- The county's work ledger (工作台账): roster, cases and their process record, and the rows the
-- bot and the scheduler keep (conversations, inbox, outbox, ticks). UTC is stored; Asia/Shanghai
-- is rendered. Nothing in a case's history is ever deleted.

create table townships (
    id          bigint generated always as identity primary key,
    code        text not null,
    name        text not null,
    is_demo     boolean not null default false,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint townships_code_key unique (code)
);

create table departments (
    id          bigint generated always as identity primary key,
    code        text not null,
    name        text not null,
    is_demo     boolean not null default false,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint departments_code_key unique (code)
);

-- 科室: a department's section, where responsibility lands on a person.
create table sections (
    id            bigint generated always as identity primary key,
    department_id bigint not null references departments (id),
    code          text not null,
    name          text not null,
    created_at    timestamptz not null default now(),
    constraint sections_department_code_key unique (department_id, code)
);

create table people (
    id            bigint generated always as identity primary key,
    code          text not null,
    name          text not null,
    phone         text,
    -- any of: cadre, officer, dispatcher, leader, admin
    roles         text[] not null default '{}',
    department_id bigint references departments (id),
    section_id    bigint references sections (id),
    locale        text not null default 'zh-CN',
    reachable     boolean not null default true,
    unreachable_reason text,
    unreachable_at timestamptz,
    is_demo       boolean not null default false,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint people_code_key unique (code),
    constraint people_roles_check check (roles <@ array['cadre', 'officer', 'dispatcher', 'leader', 'admin']::text[]),
    constraint people_locale_check check (locale in ('zh-CN', 'en'))
);
create index people_department_idx on people (department_id);
create index people_roles_idx on people using gin (roles);

-- Who leads a department, and who receives its cases by default.
alter table departments
    add column head_id bigint references people (id),
    add column default_assignee_id bigint references people (id);

-- Auto-routing: which department handles a category by default.
create table category_routes (
    category      text primary key,
    department_id bigint not null references departments (id),
    constraint category_routes_category_check check (category in
        ('key_project', 'industry', 'commerce', 'construction', 'tourism', 'technology', 'transport', 'culture', 'finance'))
);

-- A person's messenger account. One account binds one person; a person may bind more than one.
create table messenger_accounts (
    id            bigint generated always as identity primary key,
    person_id     bigint not null references people (id),
    transport     text not null,
    user_id       bigint not null,
    chat_id       bigint not null,
    username      text,
    bound_at      timestamptz not null default now(),
    constraint messenger_accounts_user_key unique (transport, user_id)
);
create index messenger_accounts_person_idx on messenger_accounts (person_id);

-- A group chat bound to a department to receive its pings.
create table group_chats (
    id            bigint generated always as identity primary key,
    transport     text not null,
    chat_id       bigint not null,
    department_id bigint not null references departments (id),
    title         text,
    reachable     boolean not null default true,
    bound_at      timestamptz not null default now(),
    constraint group_chats_chat_key unique (transport, chat_id)
);
create index group_chats_department_idx on group_chats (department_id);

create table enterprises (
    id            bigint generated always as identity primary key,
    code          text not null,
    name          text not null,
    -- enterprise (企业) or project (项目单位)
    kind          text not null default 'enterprise',
    township_id   bigint not null references townships (id),
    industry      text,
    cadre_id      bigint references people (id),
    contact_name  text,
    contact_phone text,
    is_demo       boolean not null default false,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint enterprises_code_key unique (code),
    constraint enterprises_kind_check check (kind in ('enterprise', 'project'))
);
create index enterprises_cadre_idx on enterprises (cadre_id);
create index enterprises_township_idx on enterprises (township_id);

-- Case numbers people can say on the phone: PREFIX-YEAR-NNNN. A counter row per (prefix, year);
-- a rolled-back report leaves no gap, a deleted one cannot happen, and concurrent reports queue
-- on the row lock.
create table case_counters (
    prefix  text not null,
    year    integer not null,
    last    integer not null,
    primary key (prefix, year)
);

create function next_case_number(p_prefix text, p_year integer) returns text
language sql as $$
    insert into case_counters (prefix, year, last) values (p_prefix, p_year, 1)
    on conflict (prefix, year) do update set last = case_counters.last + 1
    returning p_prefix || '-' || p_year || '-' || lpad(last::text, 4, '0');
$$;

create table cases (
    id            bigint generated always as identity primary key,
    number        text not null,
    enterprise_id bigint not null references enterprises (id),
    -- 以块为主: the township owns the case territorially; the department handles it.
    township_id   bigint not null references townships (id),
    category      text not null,
    difficulty    text not null,
    description   text not null,
    status        text not null default 'reported',
    reported_by   bigint not null references people (id),
    department_id bigint references departments (id),
    section_id    bigint references sections (id),
    assignee_id   bigint references people (id),
    -- local (Asia/Shanghai) calendar date by the end of which the case must be resolved
    deadline      date,
    dispatched_at timestamptz,
    accepted_at   timestamptz,
    resolved_at   timestamptz,
    closed_at     timestamptz,
    resolution    text,
    -- satisfied, basically_satisfied, unsatisfied (the latest confirmation)
    satisfaction  text,
    supervised_at timestamptz,
    return_count  integer not null default 0,
    reopen_count  integer not null default 0,
    is_demo       boolean not null default false,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint cases_number_key unique (number),
    constraint cases_category_check check (category in
        ('key_project', 'industry', 'commerce', 'construction', 'tourism', 'technology', 'transport', 'culture', 'finance')),
    constraint cases_difficulty_check check (difficulty in ('simple', 'moderate', 'hard', 'major')),
    constraint cases_status_check check (status in
        ('reported', 'info_requested', 'dispatched', 'accepted', 'in_progress', 'resolved', 'closed', 'returned')),
    constraint cases_satisfaction_check check (satisfaction in ('satisfied', 'basically_satisfied', 'unsatisfied'))
);
create index cases_enterprise_idx on cases (enterprise_id, created_at);
create index cases_department_status_idx on cases (department_id, status);
create index cases_assignee_idx on cases (assignee_id) where status not in ('closed');
create index cases_status_idx on cases (status);
create index cases_created_idx on cases (created_at);
create index cases_closed_idx on cases (closed_at) where closed_at is not null;
create index cases_open_deadline_idx on cases (deadline) where status in ('dispatched', 'accepted', 'in_progress');
create index cases_township_idx on cases (township_id, created_at);
create index cases_category_idx on cases (category, created_at);

-- The process record (过程记录): append-only.
create table case_events (
    id          bigint generated always as identity primary key,
    case_id     bigint not null references cases (id),
    -- null for the system (the scheduler)
    actor_id    bigint references people (id),
    kind        text not null,
    from_status text,
    to_status   text,
    note        text,
    data        jsonb not null default '{}',
    created_at  timestamptz not null default now()
);
create index case_events_case_idx on case_events (case_id, id);
create index case_events_kind_time_idx on case_events (kind, created_at);

create function refuse_event_change() returns trigger
language plpgsql as $$
begin
    raise exception 'case_events is append-only' using errcode = 'P0001', constraint = 'case_events_append_only';
end;
$$;
create trigger case_events_append_only before update or delete on case_events
    for each row execute function refuse_event_change();
create trigger case_events_no_truncate before truncate on case_events
    for each statement execute function refuse_event_change();

-- 路线图: dated milestones of a case.
create table milestones (
    id          bigint generated always as identity primary key,
    case_id     bigint not null references cases (id),
    title       text not null,
    due_on      date not null,
    done_at     timestamptz,
    created_by  bigint not null references people (id),
    created_at  timestamptz not null default now()
);
create index milestones_case_idx on milestones (case_id);
create index milestones_open_due_idx on milestones (due_on) where done_at is null;

-- 走访: a cadre's visit to an enterprise; "no problems" is the zero report (零报告).
create table visits (
    id            bigint generated always as identity primary key,
    enterprise_id bigint not null references enterprises (id),
    cadre_id      bigint not null references people (id),
    visited_on    date not null,
    note          text,
    no_problems   boolean not null default false,
    is_demo       boolean not null default false,
    created_at    timestamptz not null default now()
);
create index visits_enterprise_idx on visits (enterprise_id, visited_on desc);
create index visits_cadre_idx on visits (cadre_id, visited_on);

-- Single-use, expiring codes that bind a messenger account to a person, or a group to a department.
create table invites (
    id            bigint generated always as identity primary key,
    code          text not null,
    person_id     bigint references people (id),
    department_id bigint references departments (id),
    created_at    timestamptz not null default now(),
    expires_at    timestamptz not null,
    used_at       timestamptz,
    used_by       bigint,
    constraint invites_code_key unique (code),
    constraint invites_target_check check ((person_id is null) <> (department_id is null))
);

-- Files kept with a case: the messenger's own references, never the bytes.
create table attachments (
    id            bigint generated always as identity primary key,
    case_id       bigint references cases (id),
    event_id      bigint references case_events (id),
    kind          text not null,
    transport     text not null,
    file_id       text not null,
    file_unique_id text,
    file_name     text,
    mime_type     text,
    size_bytes    bigint,
    caption       text,
    created_by    bigint not null references people (id),
    created_at    timestamptz not null default now(),
    constraint attachments_kind_check check (kind in ('photo', 'document', 'voice', 'location'))
);
create index attachments_case_idx on attachments (case_id);

-- 督办: a leader's supervision order on a case.
create table supervision_orders (
    id          bigint generated always as identity primary key,
    case_id     bigint not null references cases (id),
    leader_id   bigint not null references people (id),
    note        text,
    created_at  timestamptz not null default now()
);
create index supervision_orders_case_idx on supervision_orders (case_id);

-- Where each chat is in its conversation; locked per update to serialize a chat across processes.
create table conversations (
    transport   text not null,
    chat_id     bigint not null,
    person_id   bigint references people (id),
    state       jsonb not null default '{}',
    updated_at  timestamptz not null default now(),
    primary key (transport, chat_id)
);

-- Opaque references behind buttons: the client sees only the token.
create table callback_tokens (
    token       text primary key,
    person_id   bigint not null references people (id),
    chat_id     bigint not null,
    action      jsonb not null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index callback_tokens_expiry_idx on callback_tokens (expires_at);

-- Raw updates, stored before the messenger is told they arrived; handled exactly once.
create table inbox (
    transport   text not null,
    update_id   bigint not null,
    payload     jsonb not null,
    received_at timestamptz not null default now(),
    handled_at  timestamptz,
    attempts    integer not null default 0,
    last_error  text,
    primary key (transport, update_id)
);
create index inbox_pending_idx on inbox (transport, update_id) where handled_at is null;

-- Every message the bot sends on its own initiative. The key makes a decision idempotent.
create table outbox (
    id            bigint generated always as identity primary key,
    recipient_id  bigint references people (id),
    group_chat_id bigint references group_chats (id),
    case_id       bigint references cases (id),
    kind          text not null,
    due_at        timestamptz not null,
    body          jsonb not null,
    status        text not null default 'queued',
    not_before    timestamptz not null default now(),
    attempts      integer not null default 0,
    claimed_by    text,
    claimed_at    timestamptz,
    sent_at       timestamptz,
    message_id    bigint,
    last_error    text,
    created_at    timestamptz not null default now(),
    constraint outbox_key unique nulls not distinct (recipient_id, group_chat_id, case_id, kind, due_at),
    constraint outbox_recipient_check check ((recipient_id is null) <> (group_chat_id is null)),
    constraint outbox_status_check check (status in ('queued', 'sending', 'sent', 'failed'))
);
create index outbox_ready_idx on outbox (not_before, id) where status = 'queued';
create index outbox_sending_idx on outbox (claimed_at) where status = 'sending';

-- One row per (job, scheduled instant): a tick runs once across processes and restarts.
create table scheduler_ticks (
    job           text not null,
    scheduled_at  timestamptz not null,
    started_at    timestamptz not null default now(),
    finished_at   timestamptz,
    run_by        text,
    primary key (job, scheduled_at)
);
