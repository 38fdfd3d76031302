-- Segment counts compare a trait with a short text or boolean: this index answers
-- (trait, value) → profiles without visiting the table. Long values (over 200 characters of JSON)
-- are left out so no index entry outgrows a page; the rules compiler only relies on the index for
-- literals short enough that an equal value is always in it.
CREATE INDEX IF NOT EXISTS "trait_values_rule_lookup" ON "trait_values" ("trait_id", "value", "profile_id") WHERE octet_length("value"::text) < 200;
