-- Registries that serve another registry's content under a path prefix: public Docker Hub mirrors, and a team's
-- pull-through caches (harbor.example.com/dockerhub/ -> docker.io/). The resolver rewrites a reference whose
-- repository starts with `prefix` to `target` + the rest, then looks the result up.
CREATE TABLE registryMirror (
    id INTEGER PRIMARY KEY,
    prefix TEXT NOT NULL UNIQUE CHECK (prefix <> '' AND prefix = lower(prefix) AND substr(prefix, -1, 1) = '/'),
    target TEXT NOT NULL CHECK (target <> '' AND target = lower(target) AND substr(target, -1, 1) = '/'),
    why TEXT NOT NULL CHECK (why <> ''),
    source TEXT NOT NULL CHECK (source <> ''),
    layer TEXT NOT NULL
);
