-- Registry: which upload a person import read, so that its rejected rows can be given back as they were.
create table registry_import (
    job_id     uuid primary key references platform_job (id),
    upload_id  uuid not null,
    filename   text not null
);
