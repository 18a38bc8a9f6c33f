-- Strangers (no bound account) get one polite refusal per chat per hour, not one per message:
-- when each chat was last refused. One row per chat, overwritten; nothing else is kept.
create table stranger_refusals (
    transport text not null,
    chat_id bigint not null,
    refused_at timestamptz not null,
    constraint stranger_refusals_pkey primary key (transport, chat_id)
);
