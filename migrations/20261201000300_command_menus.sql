-- The command menu last queued for each person (their roles, whether they head a department,
-- their language, as the list of commands it gave): a person's menu is queued again only when
-- it would change.
create table command_menus (
    person_id bigint primary key references people (id) on delete cascade,
    menu text not null,
    queued_at timestamptz not null
);
