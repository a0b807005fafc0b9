-- An image that runs as any non-root uid (nothing it ships belongs to one: it writes only to volumes, or makes its
-- directories writable to all): its uid in the knowledge base is harden's choice, and a manifest choosing another
-- is not a mismatch. Cited through the variant's user, like the uid itself.
ALTER TABLE variantUser ADD COLUMN arbitraryUid INTEGER NOT NULL DEFAULT 0 CHECK (arbitraryUid IN (0, 1));
