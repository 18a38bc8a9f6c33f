-- WeCom (企业微信 / 政务微信): its user ids, app chats and group robots are strings; the ledger's
-- accounts and chats are numbers. Each WeCom id gets a number here, once, for good.
create table wecom_ids (
    id        bigint generated always as identity primary key,
    wecom_id  text not null,
    constraint wecom_ids_wecom_id_key unique (wecom_id)
);

-- Every callback WeCom posted, by what makes it the same callback when WeCom retries it (the
-- MsgId of a message, or sender, time, key and card of an event). Its number is its inbox
-- update id: a retry finds the key and is stored once.
create table wecom_callbacks (
    update_id   bigint generated always as identity primary key,
    dedupe_key  text not null,
    received_at timestamptz not null,
    -- A pressed card's response code: the card may be updated once with it.
    response_code text,
    response_used_at timestamptz,
    constraint wecom_callbacks_dedupe_key unique (dedupe_key)
);

-- A person's WeCom userid from the roster: they are bound when they first write, without an
-- invite.
alter table people add column wecom_userid text;
create unique index people_wecom_userid_key on people (wecom_userid) where wecom_userid is not null;

-- Which messenger a person is reached on: the one they chose, else the one they used last (the
-- chat whose conversation moved last).
alter table people add column channel text;
