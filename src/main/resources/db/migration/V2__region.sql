-- Region: the statistical division tree (NBS codes, 12 digits as bigint), its editions, and the
-- organisations in each place (federation units, village associations and their committee members).

create extension if not exists pg_trgm;

create table region_edition (
    id           text primary key,                  -- '2023'
    source       text not null,                     -- where the files came from
    imported_at  timestamptz not null default now(),
    duration_ms  bigint not null,
    added        integer not null,
    renamed      integer not null,
    abolished    integer not null,
    reinstated   integer not null,
    unchanged    integer not null
);

-- level: 1 province, 2 prefecture, 3 county, 4 township or street, 5 village or community.
-- parent_code: the nearest listed ancestor by prefix that is not a placeholder.
-- kind: REGULAR; PLACEHOLDER (prefecture rows such as 市辖区 that group counties but are no unit);
--       DEVELOPMENT_ZONE (county codes xx71-xx79); CITY_WITHOUT_COUNTIES (东莞, 中山, 儋州: their
--       townships hang directly under the city, whose pseudo-county code equals the city's own).
create table region_division (
    code               bigint primary key check (code between 110000000000 and 999999999999),
    name               text not null,
    level              smallint not null check (level between 1 and 5),
    parent_code        bigint,
    kind               text not null default 'REGULAR'
                       check (kind in ('REGULAR', 'PLACEHOLDER', 'DEVELOPMENT_ZONE', 'CITY_WITHOUT_COUNTIES')),
    since_edition      text not null references region_edition (id) deferrable initially deferred,
    abolished_edition  text references region_edition (id) deferrable initially deferred,
    successor_code     bigint,
    updated_at         timestamptz not null default now()
);
create index region_division_children on region_division (parent_code, code);
create index region_division_name_prefix on region_division (name text_pattern_ops);
create index region_division_name_trgm on region_division using gin (name gin_trgm_ops);

-- Renames, abolitions, reinstatements and code moves, as they happened.
create table region_division_history (
    id         bigserial primary key,
    code       bigint not null,
    change     text not null check (change in ('RENAMED', 'ABOLISHED', 'REINSTATED', 'MOVED')),
    old_name   text,
    new_name   text,
    new_code   bigint,
    edition    text,
    at         timestamptz not null default now()
);
create index region_division_history_code on region_division_history (code);

-- A mapping file's moves: every record of old_code now belongs to new_code.
create table region_code_move (
    id          bigserial primary key,
    old_code    bigint not null,
    new_code    bigint not null,
    moved_at    timestamptz not null default now(),
    moved_rows  jsonb not null            -- {"owner": rows, ...} per registered participant
);
create index region_code_move_old on region_code_move (old_code);

-- The federation unit of every province, prefecture, county and township (残联).
create table region_federation_unit (
    division_code        bigint primary key references region_division (code),
    reform_completed_on  date,                         -- the county-level reform the speech sets a deadline for
    updated_at           timestamptz not null default now()
);

-- The association of every village or community (村/社区残协); created empty, established_on null
-- until the association exists.
create table region_village_association (
    division_code   bigint primary key references region_division (code),
    established_on  date,
    updated_at      timestamptz not null default now()
);

create table region_committee_member (
    id                bigserial primary key,
    association_code  bigint not null references region_village_association (division_code),
    name              text not null,
    position          text not null check (position in ('CHAIR', 'VICE_CHAIR', 'FULL_TIME_MEMBER', 'MEMBER')),
    member_kind       text not null
                      check (member_kind in ('DISABLED_PERSON', 'RELATIVE', 'VILLAGE_CADRE', 'GRID_WORKER', 'VOLUNTEER')),
    since             date not null,
    trained_on        date
);
create index region_committee_member_association on region_committee_member (association_code);
