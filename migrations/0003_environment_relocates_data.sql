-- A variable whose setting moves where the image keeps its persistent data (PGDATA pointing into a subdirectory):
-- `harden fix` never sets such a variable on a workload that already has data on a persistent volume, since the
-- process would then start over in the new place while the old data sits unused beside it.
ALTER TABLE environmentVariable ADD COLUMN relocatesData INTEGER NOT NULL DEFAULT 0 CHECK (relocatesData IN (0, 1));
