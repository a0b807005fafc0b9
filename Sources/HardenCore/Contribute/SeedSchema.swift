/// The JSON Schema (draft 2020-12) of a seed file, for editors: `harden entries schema > seed.schema.json`, and the
/// `yaml-language-server` header of drafted files points at it, so that fields complete and typos show while
/// typing. It describes the shape only; `harden entries lint` remains the judge (source ids cited, paths that
/// overlap, one default variant). A test validates every shipped seed file against it.
public enum SeedSchema {
    /// The file name the header of drafted seed files expects at the root of the seed directory.
    public static let fileName = "seed.schema.json"

    /// The `yaml-language-server` line for a seed file at `images/<repository>.yaml` of a seed directory.
    public static func header(repository: String) -> String {
        let depth = repository.split(separator: "/").count
        let up = String(repeating: "../", count: depth)
        return "# yaml-language-server: $schema=\(up)\(fileName)"
    }

    public static let json = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://harden.dev/schemas/seed.schema.json",
          "title": "harden seed file",
          "description": "One image of the harden knowledge base (seed-data/images/<repository>.yaml).",
          "type": "object",
          "additionalProperties": false,
          "required": ["repository", "description", "sources", "variants"],
          "properties": {
            "repository": {"type": "string", "pattern": "^[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+$",
              "description": "The canonical repository, registry host first, lowercase, no tag."},
            "override": {"type": "boolean", "description": "A team overlay that replaces a shipped entry."},
            "description": {"type": "string", "minLength": 1},
            "homepage": {"type": "string"},
            "aliases": {"type": "array", "items": {
              "type": "object", "additionalProperties": false, "required": ["repository", "kind"],
              "properties": {"repository": {"type": "string"}, "kind": {"enum": ["mirror", "alias"]}}}},
            "sources": {"type": "array", "minItems": 1, "items": {
              "type": "object", "additionalProperties": false, "required": ["id", "url", "confidence"],
              "properties": {
                "id": {"type": "string", "pattern": "^[a-z0-9-]+$"},
                "url": {"type": "string", "pattern": "^(https?://|repo:|image:)"},
                "revision": {"type": ["string", "number"]},
                "confidence": {"enum": ["high", "medium", "low"]},
                "note": {"type": "string"}}}},
            "common": {"allOf": [{"$ref": "#/$defs/facts"}], "unevaluatedProperties": false},
            "variants": {"type": "array", "minItems": 1, "items": {
              "allOf": [{"$ref": "#/$defs/facts"}],
              "type": "object", "required": ["name"],
              "properties": {
                "name": {"type": "string", "pattern": "^[a-z0-9-]+$"},
                "description": {"type": "string"},
                "default": {"type": "boolean"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "versions": {"type": "string"},
                "priority": {"type": "integer"},
                "sources": {"$ref": "#/$defs/sources"}},
              "unevaluatedProperties": false}}
          },
          "$defs": {
            "sources": {"type": "array", "items": {"type": "string", "pattern": "^[a-z0-9-]+$"}},
            "path": {"type": "string", "pattern": "^/"},
            "facts": {
              "type": "object",
              "properties": {
                "user": {"type": "object", "additionalProperties": false, "required": ["shipped", "uid", "gid"],
                  "properties": {
                    "shipped": {"type": ["string", "integer"]},
                    "uid": {"type": "integer", "minimum": 1, "maximum": 2147483647},
                    "gid": {"type": "integer", "minimum": 1, "maximum": 2147483647},
                    "fsGroup": {"type": "integer", "minimum": 1, "maximum": 2147483647},
                    "arbitraryUid": {"type": "boolean"},
                    "sources": {"$ref": "#/$defs/sources"}}},
                "writablePaths": {"type": "array", "items": {
                  "type": "object", "additionalProperties": false, "required": ["path", "why"],
                  "properties": {
                    "path": {"$ref": "#/$defs/path"}, "why": {"type": "string"},
                    "type": {"enum": ["directory", "file"]}, "data": {"enum": ["scratch", "persistent"]},
                    "seedFromImage": {"type": "boolean"}, "sizeLimit": {"type": "string"},
                    "medium": {"enum": ["disk", "memory"]}, "sources": {"$ref": "#/$defs/sources"}}}},
                "protectedPaths": {"type": "array", "items": {
                  "type": "object", "additionalProperties": false, "required": ["path", "why"],
                  "properties": {"path": {"$ref": "#/$defs/path"}, "why": {"type": "string"},
                    "sources": {"$ref": "#/$defs/sources"}}}},
                "ports": {"type": "array", "items": {
                  "type": "object", "additionalProperties": false, "required": ["port", "why"],
                  "properties": {
                    "port": {"type": "integer", "minimum": 1, "maximum": 65535},
                    "protocol": {"enum": ["TCP", "UDP", "SCTP"]}, "name": {"type": "string"},
                    "why": {"type": "string"}, "howToChange": {"type": "string"},
                    "sources": {"$ref": "#/$defs/sources"}}}},
                "capabilities": {"type": "array", "items": {
                  "type": "object", "additionalProperties": false, "required": ["name", "why"],
                  "properties": {"name": {"type": "string", "pattern": "^[A-Z_]+$"}, "why": {"type": "string"},
                    "sources": {"$ref": "#/$defs/sources"}}}},
                "environment": {"type": "array", "items": {
                  "type": "object", "additionalProperties": false, "required": ["name", "why"],
                  "properties": {
                    "name": {"type": "string"}, "value": {"type": ["string", "number", "boolean"]},
                    "required": {"type": "boolean"}, "relocatesData": {"type": "boolean"},
                    "why": {"type": "string"}, "sources": {"$ref": "#/$defs/sources"}}}},
                "requiredEnvironment": {"type": "array", "items": {
                  "type": "object", "additionalProperties": false, "required": ["name", "secret", "why"],
                  "properties": {"name": {"type": "string"}, "secret": {"type": "boolean"}, "why": {"type": "string"},
                    "sources": {"$ref": "#/$defs/sources"}}}},
                "pitfalls": {"type": "array", "items": {
                  "type": "object", "additionalProperties": false, "required": ["summary"],
                  "properties": {"summary": {"type": "string"}, "detail": {"type": "string"},
                    "sources": {"$ref": "#/$defs/sources"}}}}
              }
            }
          }
        }

        """
}
