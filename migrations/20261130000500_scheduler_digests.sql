-- Notices shaped for the person: what a reminder scan folded into a digest instead of naming it.

-- The scan pages through the open cases by id.
create index cases_scan_idx on cases (id)
    where status in ('dispatched', 'accepted', 'in_progress', 'resolved');

-- Per recipient and local day: how many case notices were named individually and how many were
-- folded into a digest, by kind, so that nothing is dropped in silence and the daily cap on
-- individual notices holds across scans and processes.
create table notice_totals (
    recipient_id  bigint references people (id),
    group_chat_id bigint references group_chats (id),
    day           date not null,
    kind          text not null,
    named         integer not null default 0,
    folded        integer not null default 0,
    constraint notice_totals_key unique nulls not distinct (recipient_id, group_chat_id, day, kind),
    constraint notice_totals_recipient_check check ((recipient_id is null) <> (group_chat_id is null))
);

-- A notice of the day that went into a digest rather than out on its own: keyed like the outbox,
-- so a later scan of the same day neither names it nor folds it again.
create table notice_folded (
    recipient_id  bigint references people (id),
    group_chat_id bigint references group_chats (id),
    case_id       bigint not null references cases (id),
    kind          text not null,
    due_at        timestamptz not null,
    folded_at     timestamptz not null,
    constraint notice_folded_key unique nulls not distinct (recipient_id, group_chat_id, case_id, kind, due_at),
    constraint notice_folded_recipient_check check ((recipient_id is null) <> (group_chat_id is null))
);
create index notice_folded_at_idx on notice_folded (folded_at);
