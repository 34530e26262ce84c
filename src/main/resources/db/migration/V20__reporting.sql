-- Reporting: roll-ups kept as read models, one row per place at every level, so that a province's or a
-- county's figures are a read of a few dozen rows instead of a count over millions (benchmark P4).
-- Fed by events: the owning modules announce which places changed; the refresher recomputes those
-- villages from the owners' published views and then their ancestors from the level below.

-- Campaign publishes its targets for roll-ups (no names: status, closure, whether the village was confirmed).
create view campaign_v_target as
select t.campaign_id, t.village_code, t.status, t.closure, t.last_visit_at, (v.village_code is not null) as village_confirmed
  from campaign_target t
  left join campaign_village v on v.campaign_id = t.campaign_id and v.village_code = t.village_code;

-- Casework publishes its cases for roll-ups, counted where the family lives now.
create view casework_v_case as
select c.id as case_id, p.village_code, c.status, c.domain, c.deadline
  from casework_case c join registry_v_person p on p.person_id = c.person_id;

-- Places whose figures changed and wait for the refresher: a range of division codes (a village is first = last).
-- No key: writers only append, so a visit never waits on the refresher's transaction.
create table reporting_pending (
    kind        text   not null check (kind in ('COVERAGE', 'CASES')),
    campaign_id bigint not null default 0,
    first       bigint not null,
    last        bigint not null,
    check (first <= last)
);

-- Level 5 rows are villages; levels 4 to 1 sum the level below (township, county, prefecture, province).
create table reporting_coverage (
    campaign_id bigint   not null,
    level       smallint not null check (level between 1 and 5),
    place_code  bigint   not null,
    targets     bigint   not null,
    confirmed   bigint   not null,
    visited     bigint   not null,
    closed      bigint   not null,
    open        bigint   not null,
    refused     bigint   not null,
    unreachable bigint   not null,
    primary key (campaign_id, level, place_code)
);

create table reporting_case_figures (
    level         smallint    not null check (level between 1 and 5),
    place_code    bigint      not null,
    open          bigint      not null,
    overdue       bigint      not null,
    referred      bigint      not null,
    escalated     bigint      not null,
    resolved      bigint      not null,
    closed        bigint      not null,
    -- the earliest deadline of an open case not yet overdue: when it passes, the village is counted again
    next_deadline timestamptz,
    refreshed_at  timestamptz not null,
    primary key (level, place_code)
);
create index reporting_case_figures_due on reporting_case_figures (next_deadline) where level = 5;

create table reporting_case_domain (
    level      smallint not null check (level between 1 and 5),
    place_code bigint   not null,
    domain     text     not null,
    open       bigint   not null,
    primary key (level, place_code, domain)
);

-- What reporting publishes to the modules that show the figures (campaign's coverage, casework's summary).
create view reporting_v_coverage as
select campaign_id, level, place_code, targets, confirmed, visited, closed, open, refused, unreachable from reporting_coverage;
create view reporting_v_case_figures as
select level, place_code, open, overdue, referred, escalated, resolved, closed, refreshed_at from reporting_case_figures;
create view reporting_v_case_domain as
select level, place_code, domain, open from reporting_case_domain;

-- Everything there is now is counted on the refresher's first run.
insert into reporting_pending (kind, campaign_id, first, last)
select distinct 'COVERAGE', campaign_id, 0, 999999999999 from campaign_target;
insert into reporting_pending (kind, campaign_id, first, last) values ('CASES', 0, 0, 999999999999);
