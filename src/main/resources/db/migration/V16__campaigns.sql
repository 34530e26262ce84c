-- Campaigns: home visits to families in special difficulty. A campaign's screening rules are data
-- (named criteria of conditions); its targets keep the reasons they were screened for, and are never
-- deleted: a removal is a status with its reason. Visits are recorded once per client-generated id.
create table campaign (
    id                          bigserial primary key,
    name                        text not null,
    owner_code                  bigint not null,           -- a county or above: the campaign covers its subtree
    starts_on                   date not null,
    ends_on                     date not null,
    rules                       jsonb not null,
    attempts_before_unreachable integer not null default 3,
    template                    text,
    created_by                  text not null,
    created_at                  timestamptz not null default now(),
    screened_at                 timestamptz
);

create table campaign_target (
    id              bigserial primary key,
    campaign_id     bigint not null references campaign (id),
    person_id       bigint not null,
    village_code    bigint not null,
    reasons         text[] not null,
    origin          text not null check (origin in ('SCREENED', 'ADDED')),
    added_reason    text,
    status          text not null default 'OPEN' check (status in ('OPEN', 'CLOSED', 'REMOVED')),
    closure         text check (closure in ('MET', 'REFUSED', 'DECEASED', 'MOVED', 'UNREACHABLE')),
    removed_reason  text check (removed_reason in ('DECEASED', 'MOVED', 'NOT_IN_DIFFICULTY', 'DUPLICATE', 'OTHER')),
    removed_note    text,
    changed_by      text,
    changed_at      timestamptz,
    attempts        integer not null default 0,
    last_outcome    text,
    last_visit_at   timestamptz,
    next_contact_on date,
    assigned_to     text,
    unique (campaign_id, person_id)
);
create index campaign_target_village on campaign_target (campaign_id, village_code);
create index campaign_target_assigned on campaign_target (assigned_to) where status = 'OPEN';

create table campaign_village (
    campaign_id   bigint not null references campaign (id),
    village_code  bigint not null,
    confirmed_by  text not null,
    confirmed_at  timestamptz not null default now(),
    primary key (campaign_id, village_code)
);

create table campaign_visit (
    id               bigserial primary key,
    client_id        uuid not null unique,
    body_hash        text not null,
    campaign_id      bigint not null references campaign (id),
    target_id        bigint not null references campaign_target (id),
    person_id        bigint not null,
    village_code     bigint not null,
    mode             text not null check (mode in ('HOME', 'PHONE', 'OTHER')),
    visited_at       timestamptz not null,
    visitors         text,
    outcome          text not null check (outcome in ('MET', 'NOT_AT_HOME', 'UNREACHABLE', 'REFUSED', 'DECEASED', 'MOVED')),
    note             text,
    comfort_goods    text,
    comfort_cash     numeric(10, 2),
    next_contact_on  date,
    recorded_by      text not null,
    recorded_at      timestamptz not null default now()
);
create index campaign_visit_target on campaign_visit (target_id, visited_at);

create table campaign_difficulty (
    id              bigserial primary key,
    visit_id        bigint not null references campaign_visit (id),
    person_id       bigint not null,
    village_code    bigint not null,
    domain          text not null check (domain in ('POVERTY_RELIEF', 'LIVING_ASSISTANCE', 'REHABILITATION_MEDICAL', 'EMPLOYMENT',
                                                    'SCHOOLING', 'CARE', 'PRODUCTION', 'HOME_ACCESSIBILITY', 'OTHER')),
    urgency         text not null check (urgency in ('SUDDEN', 'URGENT', 'TEMPORARY', 'ONGOING')),
    description     text not null,
    solved_on_spot  boolean not null default false
);
create index campaign_difficulty_person on campaign_difficulty (person_id) where not solved_on_spot;
