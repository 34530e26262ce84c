-- Registry: the status-and-needs log keeps one row per save (the items it answered, as one jsonb object; a JSON null is
-- an answer cleared) instead of one row per item, and the latest answers are one jsonb object per person instead of a
-- row per item. A year's survey of a person was twenty rows (its answers and their current copies), 3.1 KB a person
-- and two thirds of a generated dataset's rows; it is now two. Nothing is lost: who, when and from which source stays
-- with each save, and the items of a save are the items of that answer.
create table registry_status_save (
    id           bigserial primary key,
    person_id    bigint not null references registry_person (id),
    year         smallint not null,
    answers      jsonb not null,             -- item code -> value; null: the answer was cleared
    source       text not null check (source in ('SURVEY', 'VISIT', 'HOTLINE', 'IMPORT')),
    answered_on  date not null,
    answered_by  text not null,
    answered_at  timestamptz not null default now()
);

-- The answers of one save shared their transaction's time: they become one save, under the id of its newest answer,
-- so that a record's version (its ETag) stays the same number.
insert into registry_status_save (id, person_id, year, answers, source, answered_on, answered_by, answered_at)
select max(id), person_id, year, jsonb_object_agg(item, coalesce(value, 'null'::jsonb) order by id), source, answered_on, answered_by,
       answered_at
  from registry_status_answer
 group by person_id, year, source, answered_on, answered_by, answered_at;
select setval(pg_get_serial_sequence('registry_status_save', 'id'),
              greatest((select max(id) from registry_status_save), (select last_value from registry_status_answer_id_seq)));
create index registry_status_save_person on registry_status_save (person_id, year, id);

-- The latest answer of each item across years; a cleared item has no key. Which year an item was answered in is read
-- from the log when an earlier year's answer arrives late (it must not replace a newer one).
create table registry_status_latest (
    person_id  bigint primary key references registry_person (id),
    answers    jsonb not null
);
insert into registry_status_latest (person_id, answers)
select person_id, coalesce(jsonb_object_agg(item, value) filter (where value is not null), '{}')
  from registry_status_current
 group by person_id;

drop view registry_v_status_answer;
drop table registry_status_current;
drop table registry_status_answer;
alter table registry_status_latest rename to registry_status_current;
alter index registry_status_latest_pkey rename to registry_status_current_pkey;
alter table registry_status_current rename constraint registry_status_latest_person_id_fkey to registry_status_current_person_id_fkey;

comment on column registry_status_record.version is 'the id of the newest save of this person and year';

create view registry_v_status_answer as
select c.person_id, a.key as item, a.value
  from registry_status_current c cross join lateral jsonb_each(c.answers) a;
