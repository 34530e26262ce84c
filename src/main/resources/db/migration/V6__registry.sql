-- Registry: certified disabled persons. Every value that contains an ID number (the ID, the
-- certificate number) and every phone number is stored encrypted, beside keyed-hash blind indexes.
create table registry_person (
    id                       bigserial primary key,
    village_code             bigint not null references region_division (code),
    name                     text not null,
    name_initials            text[] not null,          -- pinyin initials, one entry per reading of polyphonic names
    id_number                text not null,            -- encrypted
    id_index                 bytea not null unique,
    id_tail6_index           bytea not null,
    id_tail4_index           bytea not null,
    certificate_number       text not null,            -- encrypted
    sex                      text not null check (sex in ('MALE', 'FEMALE')),
    birth_date               date not null,
    disability_category      smallint not null check (disability_category between 1 and 7),
    disability_grade         smallint not null check (disability_grade between 1 and 4),
    certificate_issued_on    date,
    certificate_expires_on   date,
    address                  text,
    phone                    text,                     -- encrypted
    phone_index              bytea,
    phone_tail_index         bytea,
    registration_type        text check (registration_type in ('AGRICULTURAL', 'NON_AGRICULTURAL')),
    marital_status           text check (marital_status in ('UNMARRIED', 'MARRIED', 'DIVORCED', 'WIDOWED')),
    life_status              text not null default 'ACTIVE'
                             check (life_status in ('ACTIVE', 'DECEASED', 'MOVED_OUT', 'CERTIFICATE_CANCELLED')),
    life_status_on           date,
    life_status_reason       text,
    version                  integer not null default 0,
    created_at               timestamptz not null default now(),
    updated_at               timestamptz not null default now()
);
create index registry_person_village on registry_person (village_code);
create index registry_person_id_tail6 on registry_person (id_tail6_index);
create index registry_person_id_tail4 on registry_person (id_tail4_index);
create index registry_person_phone on registry_person (phone_index);
create index registry_person_phone_tail on registry_person (phone_tail_index);
create index registry_person_name on registry_person (name text_pattern_ops);
create index registry_person_initials on registry_person using gin (name_initials);

-- Every change, who made it, from where (page, API, import) and what changed; personal numbers in
-- the changes are stored encrypted like the record itself.
create table registry_person_history (
    id          bigserial primary key,
    person_id   bigint not null references registry_person (id),
    village_code bigint not null,
    at          timestamptz not null default now(),
    account     text,
    source      text not null,
    change      text not null,                    -- CREATED, UPDATED, TRANSFERRED, REASSESSED, LIFE_STATUS
    changes     jsonb not null
);
create index registry_person_history_person on registry_person_history (person_id, at);
