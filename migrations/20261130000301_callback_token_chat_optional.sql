-- A button's chat is the chat it was shown in, when known. A notice queued for someone with
-- no bound chat yet (read later in the console, or after binding) carries buttons too, with no
-- chat: stored as null, never as a made-up 0.
alter table callback_tokens alter column chat_id drop not null;
