-- Campaign: a visit's difficulties are read by the visit (every recorded visit answers with them): without this index
-- each visit scanned every difficulty of the country (P5 in docs/benchmarks.md).
create index campaign_difficulty_visit on campaign_difficulty (visit_id);
