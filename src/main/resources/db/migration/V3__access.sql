-- Access: accounts, grants, API tokens, the security policy, the audit trail, and the web sessions
-- (Spring Session's tables, so that several app nodes serve one user).

create table access_account (
    id                    bigserial primary key,
    username              text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    display_name          text not null,
    password_hash         text not null,
    enabled               boolean not null default true,
    must_change_password  boolean not null default false,
    password_changed_at   timestamptz not null default now(),
    failed_attempts       integer not null default 0,
    locked_until          timestamptz,
    totp_secret           text,                 -- encrypted (PersonalData)
    totp_enrolled         boolean not null default false,
    phone                 text,                 -- encrypted
    phone_index           bytea,                -- keyed hash of the whole number
    phone_tail_index      bytea,                -- keyed hash of its last 4 digits
    created_at            timestamptz not null default now(),
    created_by            text
);
create index access_account_phone on access_account (phone_index);

-- role + place (+ department for liaisons); region_code null means the whole deployment (admin roles).
create table access_grant (
    id             bigserial primary key,
    account_id     bigint not null references access_account (id),
    role           text not null check (role in ('FIELD_WORKER', 'CASE_WORKER', 'LEADER', 'HOTLINE_OPERATOR',
                                                 'DEPARTMENT_LIAISON', 'SYSTEM_ADMIN', 'SECURITY_ADMIN', 'AUDIT_ADMIN')),
    region_code    bigint,
    department_id  bigint,
    granted_at     timestamptz not null default now(),
    granted_by     text not null
);
create index access_grant_account on access_grant (account_id);

create table access_api_token (
    token_hash   bytea primary key,             -- SHA-256 of the token; the token itself is never stored
    account_id   bigint not null references access_account (id),
    issued_at    timestamptz not null default now(),
    expires_at   timestamptz not null,
    revoked_at   timestamptz
);
create index access_api_token_account on access_api_token (account_id);

create table access_security_policy (
    id                      integer primary key check (id = 1),
    min_password_length     integer not null check (min_password_length between 8 and 64),
    lockout_threshold       integer not null check (lockout_threshold between 3 and 20),
    lockout_minutes         integer not null check (lockout_minutes between 1 and 1440),
    password_max_age_days   integer check (password_max_age_days is null or password_max_age_days between 30 and 730),
    updated_at              timestamptz not null default now(),
    updated_by              text not null
);
insert into access_security_policy (id, min_password_length, lockout_threshold, lockout_minutes, password_max_age_days, updated_by)
values (1, 8, 5, 10, null, 'system');

-- The audit trail: written in the transaction of the action, sealed into a hash chain afterwards by
-- the sealer (seq, prev_hash, hash), never updated otherwise and never deleted but by retention.
create table access_audit (
    id              bigserial primary key,
    at              timestamptz not null default now(),
    account         text,                        -- username, or null before login
    client_address  text,
    action          text not null,
    subject_type    text,
    subject_id      text,                        -- a record id, never a cleartext ID number
    purpose         text,
    outcome         text not null,
    details         text,
    seq             bigint unique,
    prev_hash       bytea,
    hash            bytea
);
create index access_audit_unsealed on access_audit (id) where seq is null;
create index access_audit_account on access_audit (account, at);
create index access_audit_subject on access_audit (subject_type, subject_id);
create index access_audit_at on access_audit (at);

-- [jooq ignore start]
create function access_audit_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        if current_setting('lastmile.audit_retention', true) = 'on' then
            return old;
        end if;
        raise exception 'the audit trail is append-only';
    end if;
    if old.seq is not null
       or (new.at, new.account, new.client_address, new.action, new.subject_type, new.subject_id, new.purpose,
           new.outcome, new.details)
          is distinct from
          (old.at, old.account, old.client_address, old.action, old.subject_type, old.subject_id, old.purpose,
           old.outcome, old.details) then
        raise exception 'the audit trail is append-only';
    end if;
    return new;
end $$;
create trigger access_audit_append_only before update or delete on access_audit
    for each row execute function access_audit_append_only();
-- [jooq ignore stop]

create table spring_session (
    primary_id             char(36) not null primary key,
    session_id             char(36) not null,
    creation_time          bigint not null,
    last_access_time       bigint not null,
    max_inactive_interval  integer not null,
    expiry_time            bigint not null,
    principal_name         varchar(100)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id  char(36) not null references spring_session (primary_id) on delete cascade,
    attribute_name      varchar(200) not null,
    attribute_bytes     bytea not null,
    primary key (session_primary_id, attribute_name)
);
