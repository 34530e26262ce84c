-- Registry: names are found by full pinyin and by the beginning of it or of the initials, not only by
-- whole initials; the keys (every prefix of every spelling) are computed in Java, so the column is
-- emptied here and refilled by NameKeyBackfill at the next start. Substrings of three or more
-- characters of a name are found through pg_trgm.
alter table registry_person rename column name_initials to name_keys;
alter index registry_person_initials rename to registry_person_name_keys;
update registry_person set name_keys = '{}';
create index registry_person_name_trgm on registry_person using gin (name gin_trgm_ops);
