-- Who changed access, and how: one row per change made by a command (`zhuqi people deactivate`,
-- `zhuqi accounts unbind`, `zhuqi invite revoke`, `zhuqi groups unbind`, …) or by an admin in
-- chat. Append-only: the table refuses updates and deletes.
create table audit_log (
    id bigserial primary key,
    at timestamptz not null,
    -- Who did it: a person of the roster when done in chat, else null (the command line).
    actor_person_id bigint references people (id),
    -- Where it came from: 'cli' or the transport the admin spoke from ('telegram', 'console').
    source text not null,
    -- The command or action, e.g. 'people deactivate'.
    action text not null,
    -- What it was done to, as the operator named it (a roster code, a chat id, an invite code's
    -- first characters), and what changed, as one readable line.
    subject text not null,
    detail text not null default ''
);

create index audit_log_at_idx on audit_log (at);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only' using errcode = 'restrict_violation',
        constraint = 'audit_log_append_only';
end;
$$;

create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_append_only();
