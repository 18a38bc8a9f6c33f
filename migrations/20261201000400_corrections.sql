-- Corrections of a case after it was reported: the deadlines in force with the moment each took
-- effect (a history, so figures and cards can say which deadline held when), extension
-- requests (延期) with their decision, and roadmap steps that can be removed.

-- Every deadline a case has had, from the moment it took effect; the latest is the one in force
-- (and equals `cases.deadline`). Written by `store::cases::act` with the event that set it.
create table case_deadlines (
    id          bigint generated always as identity primary key,
    case_id     bigint not null references cases (id),
    deadline    date not null,
    in_force_at timestamptz not null,
    -- the event that set it (dispatched, reopened, reclassified, extension_approved, deadline_changed)
    event_id    bigint references case_events (id),
    kind        text not null
);
create index case_deadlines_case_idx on case_deadlines (case_id, in_force_at, id);

-- The deadlines of cases dispatched before this migration, from their dispatch.
insert into case_deadlines (case_id, deadline, in_force_at, kind)
select id, deadline, coalesce(dispatched_at, created_at), 'dispatched' from cases where deadline is not null;

-- 延期: the responsible officer asks for a later deadline; the dispatcher (a leader for a
-- supervised case) approves or refuses. At most one request per case waits for a decision.
create table extension_requests (
    id            bigint generated always as identity primary key,
    case_id       bigint not null references cases (id),
    requested_by  bigint not null references people (id),
    reason        text not null,
    -- the deadline in force when asked, and the date asked for
    old_deadline  date,
    proposed      date not null,
    status        text not null default 'pending',
    decided_by    bigint references people (id),
    decided_at    timestamptz,
    decision_note text,
    created_at    timestamptz not null,
    constraint extension_requests_status_check check (status in ('pending', 'approved', 'refused'))
);
create index extension_requests_case_idx on extension_requests (case_id, id);
create unique index extension_requests_one_pending on extension_requests (case_id) where status = 'pending';

-- A removed roadmap step stays in the ledger (and the process record) but no longer reminds.
alter table milestones
    add column removed_at timestamptz,
    add column updated_at timestamptz;
create index milestones_live_due_idx on milestones (due_on) where done_at is null and removed_at is null;
