-- 审批事项 / 权力运行图: each department's catalogue of approval items (社会审批事项 and
-- 行政审批事项) by section (科室), with the statutory and the promised time limit and the steps
-- of each item, each with its own limit and a responsible section and person (责任到人). A case
-- about an item gets the item's steps as its roadmap and the item's section as its section.

create table approval_items (
    id              bigint generated always as identity primary key,
    code            text not null,
    name            text not null,
    department_id   bigint not null references departments (id),
    section_id      bigint references sections (id),
    -- administrative (行政审批) or social (社会审批)
    kind            text not null default 'administrative',
    legal_basis     text,
    -- what the applicant must bring (申请材料): the one-time notice (一次性告知)
    materials       text,
    -- words in a report that point to this item (the item's name always does)
    keywords        text[] not null default '{}',
    statutory_days  integer not null,
    promised_days   integer not null,
    is_demo         boolean not null default false,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint approval_items_code_key unique (code),
    constraint approval_items_kind_check check (kind in ('administrative', 'social')),
    constraint approval_items_days_check check (statutory_days > 0 and promised_days > 0 and promised_days <= statutory_days)
);
create index approval_items_department_idx on approval_items (department_id, code);
create index approval_items_section_idx on approval_items (section_id);

-- An item's steps (受理 → 审查 → 决定 → 送达, or the department's own), in order. A re-import
-- that gives an item fewer steps retires the rest (`removed_at`); nothing is deleted.
create table approval_steps (
    id          bigint generated always as identity primary key,
    item_id     bigint not null references approval_items (id),
    seq         integer not null,
    name        text not null,
    days        integer not null,
    section_id  bigint references sections (id),
    person_id   bigint references people (id),
    removed_at  timestamptz,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint approval_steps_item_seq_key unique (item_id, seq),
    constraint approval_steps_days_check check (days > 0 and seq > 0)
);
create index approval_steps_person_idx on approval_steps (person_id);
create index approval_steps_section_idx on approval_steps (section_id);

alter table cases add column approval_item_id bigint references approval_items (id);
create index cases_approval_item_idx on cases (approval_item_id) where approval_item_id is not null;

-- A roadmap step made from a catalogue step: which step, and the section responsible for it.
alter table milestones
    add column approval_step_id bigint references approval_steps (id),
    add column section_id bigint references sections (id);
create index milestones_approval_step_idx on milestones (approval_step_id) where approval_step_id is not null;
