-- Townships (块) as participants: a township's leader or liaison (乡镇负责人 / 联络员) holds the
-- role `township` and belongs to one township, whose enterprises' cases they follow.

alter table people drop constraint people_roles_check;
alter table people add constraint people_roles_check
    check (roles <@ array['cadre', 'officer', 'dispatcher', 'leader', 'admin', 'township']::text[]);

alter table people add column township_id bigint references townships (id);

-- Who follows a township: read on every notice about one of its cases.
create index people_township_idx on people (township_id) where township_id is not null;
