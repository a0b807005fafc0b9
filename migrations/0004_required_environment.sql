-- Settings an image refuses to start without and whose value only its user can choose (POSTGRES_PASSWORD): the
-- generator asks for them (a Secret reference, a Compose `${X:?}`) instead of writing a value. `secret` marks a
-- credential, which Kubernetes specs read from a Secret.
CREATE TABLE requiredEnvironmentVariable (
    id INTEGER PRIMARY KEY,
    variantId INTEGER NOT NULL REFERENCES variant(id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (name <> ''),
    secret INTEGER NOT NULL CHECK (secret IN (0, 1)),
    why TEXT NOT NULL CHECK (why <> ''),
    position INTEGER NOT NULL,
    UNIQUE (variantId, name)
);
CREATE INDEX requiredEnvironmentVariable_variantId ON requiredEnvironmentVariable(variantId);

-- The new fact is cited like the others. SQLite cannot change a CHECK constraint in place, so the citation table is
-- rebuilt with the longer list of facts (nothing references it), keeping its rows and its index.
CREATE TABLE citationWithRequiredEnvironment (
    id INTEGER PRIMARY KEY,
    sourceId INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
    fact TEXT NOT NULL CHECK (
        fact IN (
            'variantUser', 'writablePath', 'protectedPath', 'port', 'capability', 'environmentVariable', 'pitfall',
            'requiredEnvironmentVariable'
        )
    ),
    factId INTEGER NOT NULL,
    position INTEGER NOT NULL,
    UNIQUE (fact, factId, sourceId)
);
INSERT INTO citationWithRequiredEnvironment (id, sourceId, fact, factId, position)
    SELECT id, sourceId, fact, factId, position FROM citation;
DROP TABLE citation;
ALTER TABLE citationWithRequiredEnvironment RENAME TO citation;
CREATE INDEX citation_sourceId ON citation(sourceId);
