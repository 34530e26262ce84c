-- Registry: a large export runs as a job; its file (encrypted like uploads, deleted after the uploads'
-- retention) is found from the job.
create table registry_export (
    job_id     uuid primary key references platform_job (id),
    upload_id  uuid,
    format     text not null check (format in ('XLSX', 'CSV')),
    filename   text not null
);
