-- Platform: long work (imports, exports, screening) as jobs with progress, counters and row errors.
create table platform_job (
    id           uuid primary key,
    kind         text not null,
    owner        text not null,
    status       text not null check (status in ('RUNNING', 'DONE', 'FAILED')),
    total        bigint,
    processed    bigint not null default 0,
    counts       jsonb not null default '{}',
    failure      text,
    created_at   timestamptz not null default now(),
    finished_at  timestamptz
);
create index platform_job_owner on platform_job (owner, created_at desc);

create table platform_job_error (
    job_id       uuid not null references platform_job (id) on delete cascade,
    row_number   integer not null,
    column_name  text,
    code         text not null,
    message      text not null
);
create index platform_job_error_job on platform_job_error (job_id, row_number);

-- Access: uploaded files, stored encrypted, deleted when their job is done plus the retention.
create table access_upload (
    id           uuid primary key,
    owner        text not null,
    filename     text not null,
    bytes        bigint not null,
    stored_at    timestamptz not null default now(),
    delete_after timestamptz,
    deleted_at   timestamptz
);

-- The file of temporary passwords an account import produced (an encrypted upload), by job.
create table access_import_result (
    job_id     uuid primary key references platform_job (id),
    upload_id  uuid not null references access_upload (id)
);
