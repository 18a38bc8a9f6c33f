-- A group chat's binding can end: the bot was removed from the group, or an operator unbound it
-- (`zhuqi groups unbind`). The row stays (notices already sent name it); a bound group is one
-- with no `unbound_at`. Binding the chat again reuses the row.
alter table group_chats
    add column unbound_at timestamptz,
    add column unbound_reason text;

-- Retention (the daily `retention` job): a handled update's payload is reduced to its id after
-- `retention.inbox_days` (the row stays, so a re-delivered update is still recognized).
alter table inbox add column reduced_at timestamptz;
create index inbox_retention_idx on inbox (handled_at)
    where handled_at is not null and reduced_at is null;

-- Sent outbox rows are deleted after `retention.outbox_days`, oldest first.
create index outbox_sent_at_idx on outbox (sent_at) where status = 'sent';

-- Refusals to strangers older than a day are deleted.
create index stranger_refusals_at_idx on stranger_refusals (refused_at);
