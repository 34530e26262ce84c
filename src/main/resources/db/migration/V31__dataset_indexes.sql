-- Platform: the search indexes a benchmark dataset's load dropped (generate-data builds them again once the persons are
-- in, which costs a tenth of keeping them up row by row); a run that was interrupted leaves them here, and the next run
-- or the next start of the application builds them again from their definitions.
create table platform_dataset_index (
    name        text primary key,
    definition  text not null,
    dropped_at  timestamptz not null default now()
);
