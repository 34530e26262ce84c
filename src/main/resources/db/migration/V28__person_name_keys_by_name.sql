-- Registry: a pinyin search over a prefecture or wider walks the keys of its first two letters in name order and stops at
-- its page. The key index (V23) gives a key's range in key order: for "wj" over a province, 62,000 entries, each read,
-- made distinct and sorted for twenty lines (a p95 of 300 ms, mostly from disk). Within a county the key's range is
-- narrow and that index stays the way.
create index registry_person_name_key_by_name on registry_person_name_key (left(key, 2), name collate "C", person_id) include (key, village_code);
