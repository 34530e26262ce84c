-- Registry: the status-and-needs record (动态更新). The form is versioned data; answers are an
-- append-only log per person, year and item (who, when, from which source); the latest answer of each
-- item (across years) is kept beside it for reading and for the flags' SQL; a per person and year
-- summary holds the completeness a village's list shows (joined with the persons of the village).
create table registry_form_definition (
    code        text not null,
    version     integer not null,
    from_year   integer not null,
    to_year     integer,
    definition  jsonb not null,
    loaded_at   timestamptz not null default now(),
    primary key (code, version)
);

create table registry_status_answer (
    id           bigserial primary key,
    person_id    bigint not null references registry_person (id),
    year         smallint not null,
    item         text not null,
    value        jsonb,                      -- null: the answer was cleared
    source       text not null check (source in ('SURVEY', 'VISIT', 'HOTLINE', 'IMPORT')),
    answered_on  date not null,
    answered_by  text not null,
    answered_at  timestamptz not null default now()
);
create index registry_status_answer_person on registry_status_answer (person_id, year, item, id);

create table registry_status_current (
    person_id    bigint not null references registry_person (id),
    item         text not null,
    value        jsonb,
    year         smallint not null,
    source       text not null,
    answered_on  date not null,
    answered_by  text not null,
    answer_id    bigint not null,
    primary key (person_id, item)
);
create index registry_status_current_item on registry_status_current (item, person_id);

create table registry_status_record (
    person_id     bigint not null references registry_person (id),
    year          smallint not null,
    asked         smallint not null,
    answered      smallint not null,
    version       bigint not null,           -- the id of the newest answer of this person and year
    updated_at    timestamptz not null default now(),
    primary key (person_id, year)
);

-- Precise identification: the rules' parameters (national defaults, overridden per province) and what was done about each flag.
create table registry_flag_rule (
    rule           text not null,
    province_code  bigint not null default 0,   -- 0: the national default
    params         jsonb not null,
    updated_by     text not null,
    updated_at     timestamptz not null default now(),
    primary key (rule, province_code)
);

-- The certificate drive starts from the few members marked disabled without a certificate, then finds their household's
-- first certified member.
create index registry_household_member_uncertified on registry_household_member (household_id) where disabled_uncertified;
create index registry_household_member_household_person on registry_household_member (household_id, person_id);

create table registry_flag_outcome (
    id           bigserial primary key,
    rule         text not null,
    person_id    bigint not null references registry_person (id),
    outcome      text not null check (outcome in ('APPLIED', 'NOT_ELIGIBLE', 'REFUSED')),
    reason       text,
    decided_by   text not null,
    decided_at   timestamptz not null default now()
);
create index registry_flag_outcome_person on registry_flag_outcome (person_id, rule, id);
