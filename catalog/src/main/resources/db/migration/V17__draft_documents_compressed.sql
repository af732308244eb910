-- A draft state's document of 2 KB or more is kept gzip-compressed in document_gzip (document is
-- then NULL): a 100-node flow's 25 KB of JSON take about 3 KB, and every edit writes one state. The
-- same SQL runs on H2 2.x and PostgreSQL (BYTEA is a name H2 accepts). States written before keep
-- their text.
ALTER TABLE draft_states ADD COLUMN document_gzip BYTEA;
ALTER TABLE draft_states ALTER COLUMN document DROP NOT NULL;
ALTER TABLE draft_states ADD CONSTRAINT ck_draft_states_document
    CHECK ((document IS NOT NULL AND document_gzip IS NULL) OR (document IS NULL AND document_gzip IS NOT NULL));
