-- Replies are rows too. What an update makes the bot say (messages, edits, files, the answer to
-- a button press) is written to the outbox in the update's own transaction and sent after the
-- commit by whichever process is alive, so a crash between the two loses nothing.
--
-- A reply goes straight to a chat (transport, chat_id) instead of a person or a group, and is
-- keyed by (transport, update_id, seq) so that handling an update writes its replies once.
-- `callback_query_id` marks the answer to a button press: those go out at once on a lane of
-- their own. `priority` orders the queue across chats (lower first): 0 button answers,
-- 1 replies to the person in front of the phone, 2 red escalations and unreachable recipients,
-- 3 notices of a change to the people it concerns, 4 scheduled reminders, digests, summaries.
-- `lane` is the chat a row waits in line for: one chat's rows go out one at a time, in order.
alter table outbox
    add column transport text,
    add column chat_id bigint,
    add column update_id bigint,
    add column seq integer,
    add column callback_query_id text,
    add column priority smallint not null default 4;

alter table outbox drop constraint outbox_recipient_check;
alter table outbox add constraint outbox_recipient_check check (
    num_nonnulls(recipient_id, group_chat_id, chat_id) = 1
    and (chat_id is null) = (transport is null)
);

alter table outbox drop constraint outbox_key;
alter table outbox add constraint outbox_key
    unique nulls not distinct (recipient_id, group_chat_id, case_id, kind, due_at, transport, update_id, seq);
alter table outbox add constraint outbox_reply_key unique (transport, update_id, seq);

alter table outbox add column lane text generated always as (
    case when callback_query_id is null then
        coalesce('c:' || transport || ':' || chat_id, 'p:' || recipient_id, 'g:' || group_chat_id)
    end
) stored;

create index outbox_lane_idx on outbox (lane, id) where status in ('queued', 'sending');
create index outbox_callback_idx on outbox (id)
    where status = 'queued' and callback_query_id is not null;
create index outbox_flood_notice_idx on outbox (transport, chat_id, created_at)
    where kind = 'flood_notice';
