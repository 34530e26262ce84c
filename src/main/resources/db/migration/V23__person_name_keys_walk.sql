-- Registry: a pinyin search reads its first page in name order from a B-tree instead of fetching and sorting every
-- match. The GIN index of every beginning of every spelling could only say who matches: two initials match about 1.7 %
-- of a province (68,000 persons for "wj"), each fetched from the heap to be sorted, 2 s for twenty lines. The whole
-- keys of each person (its spellings of initials and of full pinyin, about 2.2 a person) now sit in a narrow table with
-- the name and the village; a typed key matches when it begins a whole key, which is one range of the B-tree, read
-- index-only and in place.
create table registry_person_name_key (
    key           text not null,
    village_code  bigint not null,
    name          text not null,
    person_id     bigint not null
);

-- The whole keys of an array of keys: those no other key extends (an older row holds every beginning of its spellings;
-- "h" and "hb" then add nothing that "hbl" does not match by its beginning).
create function registry_whole_keys(keys text[]) returns setof text language sql immutable parallel safe as $$
    select distinct k from unnest(keys) k where not exists (select 1 from unnest(keys) l where l <> k and starts_with(l, k))
$$;

insert into registry_person_name_key (key, village_code, name, person_id)
select w, p.village_code, p.name, p.id from registry_person p, registry_whole_keys(p.name_keys) w;

create index registry_person_name_key_walk on registry_person_name_key (key text_pattern_ops, village_code) include (name, person_id);

-- The table follows every insert, rename, move and delete of a person in the statement that makes it, set-based, so a
-- COPY or an import chunk adds its keys in one statement and no path can forget them.
create function registry_person_name_key_sync() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into registry_person_name_key (key, village_code, name, person_id)
        select w, n.village_code, n.name, n.id from new_rows n, registry_whole_keys(n.name_keys) w;
    elsif tg_op = 'UPDATE' then
        -- Only the persons whose name, keys or village changed; a status update costs one join of its own rows.
        with changed as (
            select o.id, o.name_keys as old_keys, o.village_code as old_village from old_rows o join new_rows n on n.id = o.id
             where (n.name, n.name_keys, n.village_code) is distinct from (o.name, o.name_keys, o.village_code)
        ), gone as (
            delete from registry_person_name_key k using changed c, unnest(c.old_keys) w
             where k.key = w and k.village_code = c.old_village and k.person_id = c.id
        )
        insert into registry_person_name_key (key, village_code, name, person_id)
        select w, n.village_code, n.name, n.id from new_rows n join changed c on c.id = n.id, registry_whole_keys(n.name_keys) w;
    else
        delete from registry_person_name_key k
         using old_rows o, unnest(o.name_keys) w
         where k.key = w and k.village_code = o.village_code and k.person_id = o.id;
    end if;
    return null;
end
$$;

create trigger registry_person_name_key_insert after insert on registry_person
    referencing new table as new_rows for each statement execute function registry_person_name_key_sync();
create trigger registry_person_name_key_update after update on registry_person
    referencing old table as old_rows new table as new_rows for each statement execute function registry_person_name_key_sync();
create trigger registry_person_name_key_delete after delete on registry_person
    referencing old table as old_rows for each statement execute function registry_person_name_key_sync();

drop index registry_person_name_keys;
-- The start-up backfill looks for persons without keys; with the GIN index gone, this keeps that look an empty index.
create index registry_person_name_keys_missing on registry_person (id) where name_keys = '{}';
