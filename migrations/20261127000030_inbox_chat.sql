-- The chat an inbox update belongs to, so that one chat's updates are handled in order while
-- different chats' run side by side. 0 for updates that belong to no chat.
alter table inbox add column chat_id bigint not null default 0;
create index inbox_pending_chat_idx on inbox (transport, chat_id, update_id) where handled_at is null;
