-- An update's replies are kept unique by outbox_reply_key and the scheduler's notices (rows of
-- no update) by outbox_key; each key now indexes only its own rows. A reply's three row
-- versions (queued, sending, sent) no longer enter the wide notice key, nor a notice's the
-- reply key: fewer index writes for every message sent.
alter table outbox drop constraint outbox_key;
create unique index outbox_key on outbox (recipient_id, group_chat_id, case_id, kind, due_at)
    nulls not distinct where update_id is null;

alter table outbox drop constraint outbox_reply_key;
create unique index outbox_reply_key on outbox (transport, update_id, seq)
    where update_id is not null;
