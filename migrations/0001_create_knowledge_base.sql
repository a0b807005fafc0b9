-- The knowledge base: one image per canonical repository, its other names, its variants and the facts each
-- variant needs to run with a read-only root filesystem as a non-root user, each fact citing its sources.
-- Paths are checked here as well as in the seed validator: absolute, no "..", no trailing slash, not "/".

CREATE TABLE image (
    id INTEGER PRIMARY KEY,
    repository TEXT NOT NULL UNIQUE CHECK (repository <> '' AND repository = lower(repository)),
    description TEXT NOT NULL,
    homepage TEXT,
    seedFile TEXT NOT NULL,
    layer TEXT NOT NULL
);

CREATE TABLE alias (
    id INTEGER PRIMARY KEY,
    imageId INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
    repository TEXT NOT NULL UNIQUE CHECK (repository <> '' AND repository = lower(repository)),
    kind TEXT NOT NULL CHECK (kind IN ('alias', 'mirror'))
);
CREATE INDEX alias_imageId ON alias(imageId);

CREATE TABLE source (
    id INTEGER PRIMARY KEY,
    imageId INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    url TEXT NOT NULL CHECK (url <> ''),
    revision TEXT,
    confidence TEXT NOT NULL CHECK (confidence IN ('high', 'medium', 'low')),
    note TEXT,
    UNIQUE (imageId, key)
);

CREATE TABLE variant (
    id INTEGER PRIMARY KEY,
    imageId INTEGER NOT NULL REFERENCES image(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT,
    isDefault INTEGER NOT NULL CHECK (isDefault IN (0, 1)),
    versionRange TEXT,
    priority INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL,
    UNIQUE (imageId, name)
);
CREATE UNIQUE INDEX variant_oneDefaultPerImage ON variant(imageId) WHERE isDefault = 1;

CREATE TABLE tagPattern (
    id INTEGER PRIMARY KEY,
    variantId INTEGER NOT NULL REFERENCES variant(id) ON DELETE CASCADE,
    pattern TEXT NOT NULL CHECK (pattern <> ''),
    position INTEGER NOT NULL,
    UNIQUE (variantId, pattern)
);

CREATE TABLE variantUser (
    variantId INTEGER PRIMARY KEY REFERENCES variant(id) ON DELETE CASCADE,
    shippedUser TEXT NOT NULL CHECK (shippedUser <> ''),
    uid INTEGER NOT NULL CHECK (uid > 0),
    gid INTEGER NOT NULL CHECK (gid > 0),
    fsGroup INTEGER CHECK (fsGroup IS NULL OR fsGroup > 0)
);

CREATE TABLE writablePath (
    id INTEGER PRIMARY KEY,
    variantId INTEGER NOT NULL REFERENCES variant(id) ON DELETE CASCADE,
    path TEXT NOT NULL CHECK (
        substr(path, 1, 1) = '/' AND path <> '/' AND substr(path, -1, 1) <> '/'
        AND instr(path || '/', '/../') = 0 AND instr(path || '/', '/./') = 0 AND instr(path, '//') = 0
    ),
    why TEXT NOT NULL CHECK (why <> ''),
    type TEXT NOT NULL CHECK (type IN ('directory', 'file')),
    data TEXT NOT NULL CHECK (data IN ('scratch', 'persistent')),
    seedFromImage INTEGER NOT NULL CHECK (seedFromImage IN (0, 1)),
    sizeLimit TEXT,
    medium TEXT NOT NULL CHECK (medium IN ('disk', 'memory')),
    position INTEGER NOT NULL,
    UNIQUE (variantId, path)
);

CREATE TABLE protectedPath (
    id INTEGER PRIMARY KEY,
    variantId INTEGER NOT NULL REFERENCES variant(id) ON DELETE CASCADE,
    path TEXT NOT NULL CHECK (
        substr(path, 1, 1) = '/' AND path <> '/' AND substr(path, -1, 1) <> '/'
        AND instr(path || '/', '/../') = 0 AND instr(path || '/', '/./') = 0 AND instr(path, '//') = 0
    ),
    why TEXT NOT NULL CHECK (why <> ''),
    position INTEGER NOT NULL,
    UNIQUE (variantId, path)
);

CREATE TABLE port (
    id INTEGER PRIMARY KEY,
    variantId INTEGER NOT NULL REFERENCES variant(id) ON DELETE CASCADE,
    port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    protocol TEXT NOT NULL CHECK (protocol IN ('TCP', 'UDP', 'SCTP')),
    name TEXT,
    why TEXT NOT NULL CHECK (why <> ''),
    howToChange TEXT,
    position INTEGER NOT NULL,
    UNIQUE (variantId, port, protocol)
);

CREATE TABLE capability (
    id INTEGER PRIMARY KEY,
    variantId INTEGER NOT NULL REFERENCES variant(id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (name <> '' AND name = upper(name)),
    why TEXT NOT NULL CHECK (why <> ''),
    position INTEGER NOT NULL,
    UNIQUE (variantId, name)
);

CREATE TABLE environmentVariable (
    id INTEGER PRIMARY KEY,
    variantId INTEGER NOT NULL REFERENCES variant(id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (name <> ''),
    value TEXT,
    required INTEGER NOT NULL CHECK (required IN (0, 1)),
    why TEXT NOT NULL CHECK (why <> ''),
    position INTEGER NOT NULL,
    UNIQUE (variantId, name)
);

CREATE TABLE pitfall (
    id INTEGER PRIMARY KEY,
    variantId INTEGER NOT NULL REFERENCES variant(id) ON DELETE CASCADE,
    summary TEXT NOT NULL CHECK (summary <> ''),
    detail TEXT,
    position INTEGER NOT NULL
);

-- Which sources back which fact. `fact` names the table of the fact; `factId` its row (for the user, the
-- variant id). SQLite cannot express a polymorphic foreign key, so the build writes these in one transaction.
CREATE TABLE citation (
    id INTEGER PRIMARY KEY,
    sourceId INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
    fact TEXT NOT NULL CHECK (
        fact IN ('variantUser', 'writablePath', 'protectedPath', 'port', 'capability', 'environmentVariable', 'pitfall')
    ),
    factId INTEGER NOT NULL,
    position INTEGER NOT NULL,
    UNIQUE (fact, factId, sourceId)
);
CREATE INDEX citation_sourceId ON citation(sourceId);

CREATE INDEX variant_imageId ON variant(imageId);
CREATE INDEX tagPattern_variantId ON tagPattern(variantId);
CREATE INDEX writablePath_variantId ON writablePath(variantId);
CREATE INDEX protectedPath_variantId ON protectedPath(variantId);
CREATE INDEX port_variantId ON port(variantId);
CREATE INDEX capability_variantId ON capability(variantId);
CREATE INDEX environmentVariable_variantId ON environmentVariable(variantId);
CREATE INDEX pitfall_variantId ON pitfall(variantId);
CREATE INDEX source_imageId ON source(imageId);
