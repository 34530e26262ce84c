-- Platform: the counties a synthetic benchmark dataset (generate-data) has filled, so that an interrupted run
-- resumes where it stopped and a second run adds nothing.
create table platform_dataset_county (
    county_code   bigint primary key,
    seed          bigint not null,
    persons       integer not null,
    generated_at  timestamptz not null default now(),
    milliseconds  bigint not null
);
