-- Views other modules publish for casework (their tables stay their own).
-- Registry: which household a person belongs to.
create view registry_v_household_member as
select person_id, household_id from registry_household_member where person_id is not null;

-- Region: the department directory, for referrals and their inbox.
create view region_v_department as
select id, division_code, type, name from region_department;

-- Campaign: visits and the difficulties they found, for the family timeline and the one-time conversion below.
create view campaign_v_visit as
select v.id as visit_id, v.campaign_id, c.name as campaign_name, v.person_id, v.village_code, v.mode, v.visited_at,
       v.outcome, v.note, v.next_contact_on, v.recorded_by
  from campaign_visit v join campaign c on c.id = v.campaign_id;

create view campaign_v_difficulty as
select d.id as difficulty_id, v.campaign_id, d.visit_id, d.person_id, d.village_code, d.domain, d.urgency, d.description,
       d.solved_on_spot, v.recorded_by as reported_by, v.visited_at
  from campaign_difficulty d join campaign_visit v on v.id = d.visit_id;

-- Casework: every difficulty tracked until solved.
-- Deadlines by urgency: place_code 0 holds the national defaults, a county's code its own override.
create table casework_deadline_rule (
    place_code    bigint not null,
    urgency       text not null check (urgency in ('SUDDEN', 'URGENT', 'TEMPORARY', 'ONGOING')),
    amount        integer not null check (amount between 1 and 365),
    working_days  boolean not null,
    updated_by    text not null,
    updated_at    timestamptz not null default now(),
    primary key (place_code, urgency)
);
insert into casework_deadline_rule (place_code, urgency, amount, working_days, updated_by) values
    (0, 'SUDDEN', 1, false, 'system'), (0, 'URGENT', 3, false, 'system'),
    (0, 'TEMPORARY', 7, true, 'system'), (0, 'ONGOING', 30, false, 'system');

-- The official holiday calendar: public holidays, and the weekend days that are working days (调休上班).
create table casework_holiday (
    day         date primary key,
    kind        text not null check (kind in ('HOLIDAY', 'WORKDAY')),
    name        text not null,
    updated_by  text not null,
    updated_at  timestamptz not null default now()
);
-- 2026, from the State Council General Office's notice (国办发明电〔2025〕7号); SYSTEM_ADMIN keeps it up to date yearly.
insert into casework_holiday (day, kind, name, updated_by)
select d::date, 'HOLIDAY', n, 'system' from (values
    ('2026-01-01', '元旦'), ('2026-01-02', '元旦'), ('2026-01-03', '元旦'),
    ('2026-02-15', '春节'), ('2026-02-16', '春节'), ('2026-02-17', '春节'), ('2026-02-18', '春节'), ('2026-02-19', '春节'),
    ('2026-02-20', '春节'), ('2026-02-21', '春节'), ('2026-02-22', '春节'), ('2026-02-23', '春节'),
    ('2026-04-04', '清明节'), ('2026-04-05', '清明节'), ('2026-04-06', '清明节'),
    ('2026-05-01', '劳动节'), ('2026-05-02', '劳动节'), ('2026-05-03', '劳动节'), ('2026-05-04', '劳动节'), ('2026-05-05', '劳动节'),
    ('2026-06-19', '端午节'), ('2026-06-20', '端午节'), ('2026-06-21', '端午节'),
    ('2026-09-25', '中秋节'), ('2026-09-26', '中秋节'), ('2026-09-27', '中秋节'),
    ('2026-10-01', '国庆节'), ('2026-10-02', '国庆节'), ('2026-10-03', '国庆节'), ('2026-10-04', '国庆节'),
    ('2026-10-05', '国庆节'), ('2026-10-06', '国庆节'), ('2026-10-07', '国庆节')) as h(d, n)
union all
select d::date, 'WORKDAY', n, 'system' from (values
    ('2026-01-04', '元旦调休'), ('2026-02-14', '春节调休'), ('2026-02-28', '春节调休'), ('2026-05-09', '劳动节调休'),
    ('2026-09-20', '国庆节调休'), ('2026-10-10', '国庆节调休')) as w(d, n);

-- A problem many families share, for the federation to take to the government.
create table casework_policy_issue (
    id           bigserial primary key,
    place_code   bigint not null,
    domain       text not null,
    title        text not null,
    description  text,
    status       text not null default 'OPEN' check (status in ('OPEN', 'SUBMITTED', 'CLOSED')),
    raised_by    text not null,
    raised_at    timestamptz not null
);
create index casework_policy_issue_place on casework_policy_issue (place_code, status);

create table casework_case (
    id                    bigserial primary key,
    source                text not null check (source in ('VISIT', 'HOTLINE', 'FLAG', 'MANUAL')),
    source_ref            text,                     -- the difficulty, ticket or flag it came from: one case each
    client_id             uuid unique,              -- a retried POST returns the stored case
    body_hash             text,
    person_id             bigint not null,
    household_id          bigint,
    village_code          bigint not null,          -- the family's village: the scope column
    unit_code             bigint not null,          -- the responsible federation unit's place
    owner                 text,
    owner_left            boolean not null default false,
    domain                text not null,
    urgency               text not null check (urgency in ('SUDDEN', 'URGENT', 'TEMPORARY', 'ONGOING')),
    description           text not null,
    status                text not null default 'OPEN'
                          check (status in ('OPEN', 'IN_PROGRESS', 'REFERRED', 'ESCALATED', 'RESOLVED', 'CLOSED')),
    deadline              timestamptz not null,
    policy_issue_id       bigint references casework_policy_issue (id),
    opened_by             text not null,
    opened_at             timestamptz not null,
    resolved_at           timestamptz,
    resolution            text,
    closed_at             timestamptz,
    overdue_notified_for  timestamptz,              -- the deadline an overdue notice went out for
    version               integer not null default 0,
    unique (source, source_ref)
);
create index casework_case_village on casework_case (village_code, status);
create index casework_case_unit on casework_case (unit_code, status);
create index casework_case_open_deadline on casework_case (deadline) where status in ('OPEN', 'IN_PROGRESS', 'REFERRED', 'ESCALATED');
create index casework_case_person on casework_case (person_id);
create index casework_case_owner on casework_case (owner) where status <> 'CLOSED';
create index casework_case_policy on casework_case (policy_issue_id) where policy_issue_id is not null;

-- Every step of a case: who, when, why.
create table casework_event (
    id           bigserial primary key,
    case_id      bigint not null references casework_case (id),
    action       text not null,
    from_status  text,
    to_status    text,
    actor        text not null,
    at           timestamptz not null,
    reason       text,
    details      jsonb
);
create index casework_event_case on casework_event (case_id, at);

create table casework_referral (
    id              bigserial primary key,
    case_id         bigint not null references casework_case (id),
    department_id   bigint not null,
    ask             text not null,
    due_on          date not null,
    status          text not null default 'ASKED' check (status in ('ASKED', 'ACCEPTED', 'DONE', 'DECLINED')),
    referred_by     text not null,
    referred_at     timestamptz not null,
    answer          text,
    answered_by     text,
    answered_at     timestamptz,
    overdue_notified boolean not null default false
);
create index casework_referral_department on casework_referral (department_id, status);
create unique index casework_referral_one_open on casework_referral (case_id) where status in ('ASKED', 'ACCEPTED');

-- Contacts with the family: follow-ups ("keep regular contact") and the verification before closing.
create table casework_contact (
    id               bigserial primary key,
    case_id          bigint not null references casework_case (id),
    client_id        uuid unique,
    mode             text not null check (mode in ('HOME', 'PHONE', 'OTHER')),
    contacted_at     timestamptz not null,
    spoke_with       text not null,
    note             text,
    verification     boolean not null,
    family_confirms  boolean,
    recorded_by      text not null,
    recorded_at      timestamptz not null
);
create index casework_contact_case on casework_contact (case_id, contacted_at);

create table casework_follow_up (
    id                bigserial primary key,
    case_id           bigint not null references casework_case (id),
    due_on            date not null,
    assigned_to       text,
    status            text not null default 'DUE' check (status in ('DUE', 'DONE', 'CANCELLED')),
    contact_id        bigint references casework_contact (id),
    overdue_notified  boolean not null default false
);
create index casework_follow_up_due on casework_follow_up (assigned_to, due_on) where status = 'DUE';
create index casework_follow_up_case on casework_follow_up (case_id);

-- In-app notifications: each (recipient, dedupe key) once, so a job run twice notifies once.
create table casework_notification (
    id          bigserial primary key,
    recipient   text not null,
    kind        text not null check (kind in ('NEW', 'ESCALATED', 'OVERDUE', 'REFERRED', 'ANSWERED', 'FOLLOW_UP_OVERDUE', 'REFERRAL_OVERDUE', 'REASSIGN')),
    case_id     bigint references casework_case (id),
    referral_id bigint,
    created_at  timestamptz not null,
    read_at     timestamptz,
    dedupe      text not null,
    unique (recipient, dedupe)
);
create index casework_notification_recipient on casework_notification (recipient, created_at desc);

-- Difficulties recorded before casework existed become cases once (later ones arrive as events; the
-- unique (source, source_ref) makes both paths meet at most once). Deadlines here count calendar days
-- from the national defaults; the township federation is responsible, as for new ones.
with opened as (
    insert into casework_case (source, source_ref, person_id, household_id, village_code, unit_code, domain, urgency,
                               description, deadline, opened_by, opened_at)
    select 'VISIT', 'difficulty:' || d.difficulty_id, d.person_id,
           (select m.household_id from registry_v_household_member m where m.person_id = d.person_id limit 1),
           d.village_code, d.village_code / 1000 * 1000, d.domain, d.urgency, d.description,
           now() + make_interval(days => r.amount), d.reported_by, now()
      from campaign_v_difficulty d join casework_deadline_rule r on r.place_code = 0 and r.urgency = d.urgency
     where not d.solved_on_spot
    on conflict (source, source_ref) do nothing
    returning id, opened_by, urgency
), history as (
    insert into casework_event (case_id, action, to_status, actor, at, reason)
    select id, 'OPEN', 'OPEN', opened_by, now(), 'MIGRATED' from opened
)
insert into casework_follow_up (case_id, due_on, assigned_to)
select id, (now() at time zone 'Asia/Shanghai')::date + case urgency when 'SUDDEN' then 3 when 'URGENT' then 7 when 'TEMPORARY' then 14 else 30 end, opened_by
  from opened;
