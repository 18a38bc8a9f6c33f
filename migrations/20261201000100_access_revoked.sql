-- Access that can be taken back.
--
-- A person can be deactivated (a cadre who changed jobs, someone who left): they stay on the
-- roster and in every case's process record, but the bot treats their accounts as unbound, no
-- notice reaches them and the scheduler skips them, until they are activated again.
alter table people
    add column active boolean not null default true,
    add column deactivated_at timestamptz,
    add column deactivation_reason text;

-- An outbox notice that was never sent because its recipient lost access: kept, marked.
alter table outbox drop constraint outbox_status_check;
alter table outbox add constraint outbox_status_check
    check (status in ('queued', 'sending', 'sent', 'failed', 'cancelled'));

-- An invite taken back before it was used (`zhuqi invite revoke`, or superseded by a newer
-- invite for the same person): refused like a used one.
alter table invites add column revoked_at timestamptz;

-- Accounts whose access was withdrawn (unbound, or their person deactivated), so that the next
-- message from one is told so once, rather than greeted as a stranger's.
create table access_withdrawals (
    transport text not null,
    user_id bigint not null,
    person_id bigint not null references people (id),
    -- 'unbound' or 'deactivated'
    reason text not null,
    withdrawn_at timestamptz not null,
    told_at timestamptz,
    constraint access_withdrawals_pkey primary key (transport, user_id),
    constraint access_withdrawals_reason_check check (reason in ('unbound', 'deactivated'))
);
create index access_withdrawals_person_idx on access_withdrawals (person_id);

-- Wrong invite codes per messenger account: the latest failures (at most as many as the limit)
-- and, once the limit is reached within the window, until when the account is ignored.
create table invite_attempts (
    transport text not null,
    user_id bigint not null,
    failures timestamptz[] not null default '{}',
    blocked_until timestamptz,
    -- When the account was told to try again later, during the current block.
    block_told_at timestamptz,
    constraint invite_attempts_pkey primary key (transport, user_id)
);
