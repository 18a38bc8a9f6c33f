-- The ledger's own copy of each file people send: fetched once from the messenger into the
-- files directory (the settings' [files]), so it survives the messenger deleting it.
alter table attachments
    -- pending: not fetched yet; stored: the copy is at stored_path; too_large: over the size cap;
    -- gone: the messenger no longer has it; none: nothing to fetch (a location)
    add column copy_state    text not null default 'pending',
    -- relative to the files directory
    add column stored_path   text,
    add column stored_bytes  bigint,
    add column stored_at     timestamptz,
    add column copy_attempts integer not null default 0,
    add column copy_error    text,
    -- not tried again before this instant (backing off after a failure, or claimed by a process)
    add column copy_after    timestamptz,
    add constraint attachments_copy_state_check
        check (copy_state in ('pending', 'stored', 'too_large', 'gone', 'none'));
update attachments set copy_state = 'none' where kind = 'location';
create index attachments_copy_pending_idx on attachments (id) where copy_state = 'pending';

-- An extension request still waiting when the case left the department (resolved, returned) is
-- withdrawn: it can no longer be decided.
alter table extension_requests drop constraint extension_requests_status_check;
alter table extension_requests add constraint extension_requests_status_check
    check (status in ('pending', 'approved', 'refused', 'withdrawn'));
