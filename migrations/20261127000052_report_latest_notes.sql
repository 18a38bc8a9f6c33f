-- The ledger's "latest progress" (最新进展): the latest note of each case's process record
-- (other than the report itself), kept by a trigger with each event instead of looked up per
-- row when the ledger is exported. The process record is append-only, so a later event always
-- carries a higher id.

create table report_latest_notes (
    case_id  bigint primary key,
    event_id bigint not null,
    note     text not null
);

create function report_latest_note_capture() returns trigger
language plpgsql as $$
begin
    if new.kind <> 'reported' and new.note is not null then
        insert into report_latest_notes as n (case_id, event_id, note)
        values (new.case_id, new.id, new.note)
        on conflict (case_id) do update set event_id = excluded.event_id, note = excluded.note
            where n.event_id < excluded.event_id;
    end if;
    return null;
end;
$$;
create trigger report_latest_note_capture after insert on case_events
    for each row execute function report_latest_note_capture();

-- From the whole process record: for events recorded before this migration, and for bulk loads
-- that run with the trigger disabled.
create function report_latest_notes_rebuild() returns void
language plpgsql as $$
begin
    delete from report_latest_notes;
    insert into report_latest_notes (case_id, event_id, note)
    select distinct on (case_id) case_id, id, note
    from case_events
    where kind <> 'reported' and note is not null
    order by case_id, id desc;
end;
$$;

select report_latest_notes_rebuild();
analyze report_latest_notes;
