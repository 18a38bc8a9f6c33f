-- The scheduler's delivery bookkeeping.
-- A row whose sender lease ran out (a crash between claiming and recording) is queued again; if
-- the messenger had accepted the first send, the recipient sees it twice. Count those resends.
alter table outbox add column resent_after_lease integer not null default 0;

-- The reason a department's group chat stopped receiving messages.
alter table group_chats
    add column unreachable_reason text,
    add column unreachable_at timestamptz;

