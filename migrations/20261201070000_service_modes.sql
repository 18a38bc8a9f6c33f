-- Service modes (帮办 / 陪办 / 代办): the mode a case is served in, the days and places the
-- officer accompanied the enterprise (陪办), and the documents received from and returned to
-- it (代办). Every change is also an event of the process record.

alter table cases add column service_mode text,
    add constraint cases_service_mode_check check (service_mode in ('help', 'accompany', 'handle'));

-- The summary's count by mode reads only the cases that have one.
create index cases_service_mode_idx on cases (service_mode) where service_mode is not null;

create table case_accompaniments (
    id bigserial primary key,
    case_id bigint not null references cases (id),
    accompanied_on date not null,
    place text not null,
    recorded_by bigint not null references people (id),
    created_at timestamptz not null,
    constraint case_accompaniments_place_check check (length(btrim(place)) > 0)
);

create index case_accompaniments_case_idx on case_accompaniments (case_id, accompanied_on);

create table case_documents (
    id bigserial primary key,
    case_id bigint not null references cases (id),
    name text not null,
    received_by bigint not null references people (id),
    received_at timestamptz not null,
    returned_by bigint references people (id),
    returned_at timestamptz,
    constraint case_documents_name_check check (length(btrim(name)) > 0),
    constraint case_documents_returned_check check ((returned_at is null) = (returned_by is null))
);

create index case_documents_case_idx on case_documents (case_id, id);
-- The documents still out, which hold a resolution back.
create index case_documents_out_idx on case_documents (case_id) where returned_at is null;
