-- Registry: households, their members (registered persons or not), the carer, and the situation tags
-- that campaigns screen on, each with a since-date and a source.
create table registry_household (
    id                bigserial primary key,
    village_code      bigint not null references region_division (code),
    address           text,
    living_alone      boolean not null default false,
    carer_name        text,
    carer_relation    text,
    carer_phone       text,                 -- encrypted
    carer_phone_index bytea,
    version           integer not null default 0,
    created_at        timestamptz not null default now()
);
create index registry_household_village on registry_household (village_code);

create table registry_household_member (
    id                 bigserial primary key,
    household_id       bigint not null references registry_household (id),
    person_id          bigint unique references registry_person (id),   -- a certified person lives in one household
    name               text not null,
    relation           text not null check (relation in ('HEAD', 'SPOUSE', 'CHILD', 'PARENT', 'SIBLING', 'GRANDCHILD',
                                                          'GRANDPARENT', 'OTHER')),
    disabled_uncertified boolean not null default false                  -- a disability but no certificate (certificate drive)
);
create index registry_household_member_household on registry_household_member (household_id);

create table registry_household_tag (
    household_id  bigint not null references registry_household (id),
    tag           text not null check (tag in ('REGISTERED_POOR', 'MONITORED', 'EDGE_HOUSEHOLD', 'DIBAO', 'TEKUN', 'ORPHAN_DISABLED',
                                               'SICK_DISABLED', 'INFECTED_OR_QUARANTINED', 'BEREAVED', 'EMPLOYMENT_DIFFICULTY',
                                               'MEDICAL_DIFFICULTY', 'SCHOOLING_DIFFICULTY')),
    since         date not null,
    source        text not null,
    set_by        text,
    set_at        timestamptz not null default now(),
    primary key (household_id, tag)
);
create index registry_household_tag_tag on registry_household_tag (tag, household_id);
