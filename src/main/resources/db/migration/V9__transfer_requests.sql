-- Registry: a worker asks for a person registered elsewhere to be moved to their village; the case
-- workers of the owning place accept or decline with a reason. The requester never learns where.
create table registry_transfer_request (
    id               bigserial primary key,
    person_id        bigint not null references registry_person (id),
    from_village     bigint not null,
    to_village       bigint not null references region_division (code),
    reason           text not null,
    requested_by     text not null,
    requested_at     timestamptz not null default now(),
    status           text not null default 'PENDING' check (status in ('PENDING', 'ACCEPTED', 'DECLINED')),
    decided_by       text,
    decided_at       timestamptz,
    decision_reason  text
);
create index registry_transfer_request_from on registry_transfer_request (from_village) where status = 'PENDING';
create unique index registry_transfer_request_open on registry_transfer_request (person_id, to_village) where status = 'PENDING';
