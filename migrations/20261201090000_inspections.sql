-- 督查: inspections (集中检查 / 明查暗访 / 跟踪督查), whom they looked at, what they found, and the
-- rectification items (整改事项) a finding becomes: handed to a department with a deadline,
-- signed for, worked, and closed only when the inspector confirms it. Nothing is deleted; every
-- change to a rectification is an event.

create table inspections (
    id bigserial primary key,
    number text not null,
    kind text not null,
    inspected_on date not null,
    -- The person who recorded it and confirms its rectifications (for 暗访, never shown to
    -- the inspected: they read 督查组).
    inspector_id bigint not null references people (id),
    -- 跟踪督查: the earlier inspection it follows up.
    follows_id bigint references inspections (id),
    created_at timestamptz not null,
    constraint inspections_number_key unique (number),
    constraint inspections_kind_check check (kind in ('centralized', 'unannounced', 'follow_up')),
    constraint inspections_follows_check check ((kind = 'follow_up') = (follows_id is not null))
);

create index inspections_on_idx on inspections (inspected_on);
create index inspections_follows_idx on inspections (follows_id) where follows_id is not null;

create table inspection_targets (
    id bigserial primary key,
    inspection_id bigint not null references inspections (id),
    target_kind text not null,
    target_id bigint not null,
    -- The name as it was when recorded.
    label text not null,
    constraint inspection_targets_kind_check check (target_kind in
        ('department', 'township', 'cadre', 'enterprise', 'case')),
    constraint inspection_targets_key unique (inspection_id, target_kind, target_id)
);

create table inspection_findings (
    id bigserial primary key,
    inspection_id bigint not null references inspections (id),
    seq integer not null,
    body text not null,
    constraint inspection_findings_key unique (inspection_id, seq),
    constraint inspection_findings_body_check check (length(btrim(body)) > 0)
);

create table rectifications (
    id bigserial primary key,
    number text not null,
    finding_id bigint not null references inspection_findings (id),
    department_id bigint not null references departments (id),
    status text not null default 'dispatched',
    -- local (Asia/Shanghai) date by the end of which it must be fixed
    deadline date not null,
    created_by bigint not null references people (id),
    created_at timestamptz not null,
    accepted_at timestamptz,
    resolved_at timestamptz,
    closed_at timestamptz,
    resolution text,
    reopen_count integer not null default 0,
    updated_at timestamptz not null,
    constraint rectifications_number_key unique (number),
    constraint rectifications_finding_key unique (finding_id),
    constraint rectifications_status_check check (status in
        ('dispatched', 'accepted', 'in_progress', 'resolved', 'closed'))
);

create index rectifications_open_idx on rectifications (department_id, deadline) where status <> 'closed';

create table rectification_events (
    id bigserial primary key,
    rectification_id bigint not null references rectifications (id),
    kind text not null,
    actor_id bigint references people (id),
    note text,
    created_at timestamptz not null
);

create index rectification_events_idx on rectification_events (rectification_id, id);

create function refuse_rectification_event_change() returns trigger
language plpgsql as $$
begin
    raise exception 'rectification_events is append-only' using errcode = 'P0001',
        constraint = 'rectification_events_append_only';
end;
$$;
create trigger rectification_events_append_only before update or delete on rectification_events
    for each row execute function refuse_rectification_event_change();
create trigger rectification_events_no_truncate before truncate on rectification_events
    for each statement execute function refuse_rectification_event_change();
