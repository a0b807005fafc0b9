import HardenCore

/// The OpenAPI 3.1 description of the service, served at /openapi.yaml. `ServerRoutes.all` and this document
/// must agree; a test checks every route against it.
public enum OpenAPIDocument {
    public static let yaml = #"""
        openapi: 3.1.0
        info:
          title: harden query service
          version: \#(HardenVersion.current)
          description: >-
            How to run container images with a read-only root filesystem as non-root: the same resolver, generator
            and auditor as the harden CLI, over a read-only knowledge base. Every error is JSON of the shape
            {"error": {"status", "code", "field", "message"}}; field names the part of the request at fault in the
            request's words (a JSON field of the body, a query or path parameter, or "body" for the body as a whole),
            or is null when no one part is at fault. A known path asked with another method answers 405 with Allow.
        paths:
          /healthz:
            get:
              summary: Liveness.
              responses:
                "200": {description: The process is serving., content: {application/json: {schema: {type: object}}}}
          /readyz:
            get:
              summary: Readiness, with the number of images known.
              responses:
                "200": {description: Ready., content: {application/json: {schema: {type: object, properties: {status: {type: string}, images: {type: integer}}}}}}
          /metrics:
            get:
              summary: Request counts and latencies in the Prometheus text format.
              responses:
                "200": {description: Metrics., content: {text/plain: {schema: {type: string}}}}
          /openapi.yaml:
            get:
              summary: This document.
              responses:
                "200": {description: The OpenAPI document., content: {application/yaml: {schema: {type: string}}}}
          /v1/resolve:
            get:
              summary: Resolve one image reference (the JSON of `harden resolve --output json`).
              parameters:
                - {name: ref, in: query, required: true, schema: {type: string}, example: "nginx:1.27-alpine"}
                - {name: variant, in: query, required: false, schema: {type: string}}
              responses:
                "200": {description: The resolution; match and profile are null for an image not in the knowledge base., content: {application/json: {schema: {$ref: "#/components/schemas/Resolution"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "503": {$ref: "#/components/responses/Error"}
            post:
              summary: Resolve a batch of references; each gets a resolution or its own error.
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [references]
                      properties:
                        references: {type: array, items: {type: string}, maxItems: 1000}
                        variant: {type: string}
              responses:
                "200":
                  description: One outcome per reference, in order.
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          oneOf:
                            - $ref: "#/components/schemas/Resolution"
                            - {type: object, required: [input, error], properties: {input: {type: string}, error: {type: string}}}
                "400": {$ref: "#/components/responses/Error"}
          /v1/images:
            get:
              summary: List the knowledge base, optionally filtered.
              parameters:
                - {name: q, in: query, required: false, schema: {type: string}, description: "Substring of the repository, an alias or the description."}
              responses:
                "200": {description: Image summaries., content: {application/json: {schema: {type: array, items: {$ref: "#/components/schemas/ImageSummary"}}}}}
          /v1/images/{repository}:
            get:
              summary: One entry with its variants and the source of every fact; any reference to the image works.
              parameters:
                - {name: repository, in: path, required: true, schema: {type: string}, example: docker.io/library/nginx, description: "Any reference to the image; percent-encoded (docker.io%2Flibrary%2Fnginx, nginx%3A1.27) or with literal slashes."}
              responses:
                "200": {description: The entry., content: {application/json: {schema: {$ref: "#/components/schemas/ImageEntry"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
          /v1/generate:
            post:
              summary: A hardened spec (the options of `harden generate`), YAML by default or JSON by Accept.
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/GenerateRequest"}
              responses:
                "200":
                  description: The spec. YAML carries the explanations as leading comments; JSON returns them as notes.
                  content:
                    application/yaml: {schema: {type: string}}
                    application/json: {schema: {type: object, required: [spec, notes], properties: {spec: {type: object, description: "The object, or a List of several objects, as JSON (not a YAML string)"}, notes: {type: array, items: {type: object}}}}}
                    text/x-shellscript: {schema: {type: string}}
                "400": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
          /v1/audit:
            post:
              summary: Audit a manifest (multi-document YAML or JSON); findings as JSON, or SARIF by Accept.
              requestBody:
                required: true
                content:
                  application/yaml: {schema: {type: string}}
              responses:
                "200":
                  description: The report.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/AuditReport"}}
                    application/sarif+json: {schema: {type: object}}
                "413": {$ref: "#/components/responses/Error"}
                "429": {$ref: "#/components/responses/Error"}
          /v1/fix:
            post:
              summary: >-
                Fix a manifest (multi-document YAML or JSON) as `harden fix` does: the fixed manifest in the input's
                format, edited in place (comments, key order and quoting stay); a unified diff with diff=true or
                Accept text/x-diff; or, with Accept application/json, the fixed text with the changes, the withheld
                migrations and the findings fix cannot repair.
              description: >-
                A change that would move where a workload keeps its data (PGDATA into a subdirectory, a new volume
                over a data directory) is never applied; it is withheld and said as a manual migration. The manifest
                and diff answers are then refused with 409 migration_withheld unless allowMigrations=true; the JSON
                answer is 200 and lists them in migrations.
              parameters:
                - {name: diff, in: query, required: false, schema: {type: boolean, default: false}, description: answer a unified diff}
                - {name: allowMigrations, in: query, required: false, schema: {type: boolean, default: false}, description: take the fix without the withheld migrations}
              requestBody:
                required: true
                content:
                  application/yaml: {schema: {type: string}}
                  application/json: {schema: {}}
              responses:
                "200":
                  description: The fixed manifest (unchanged when nothing needed fixing), its diff, or the fix report.
                  content:
                    application/yaml: {schema: {type: string}}
                    application/json:
                      schema:
                        anyOf:
                          - $ref: "#/components/schemas/FixAnswer"
                          - {description: "A JSON manifest's fixed text, when Accept does not ask for application/json"}
                    text/x-diff: {schema: {type: string}}
                "400": {$ref: "#/components/responses/Error"}
                "409": {$ref: "#/components/responses/Error"}
                "413": {$ref: "#/components/responses/Error"}
                "429": {$ref: "#/components/responses/Error"}
                "503": {$ref: "#/components/responses/Error"}
          /v1/rules:
            get:
              summary: Every audit rule, as `harden audit --list-rules` prints them.
              responses:
                "200":
                  description: The rules.
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          type: object
                          required: [id, title, severity, fixable, rationale, remediation]
          /v1/infer:
            post:
              summary: Infer a profile from a Dockerfile (user, writable and protected paths, ports), with evidence.
              parameters:
                - {name: target, in: query, required: false, schema: {type: string}, description: the stage to infer}
              requestBody:
                required: true
                content:
                  text/plain: {schema: {type: string}}
              responses:
                "200":
                  description: The inferred profile, match.via "inferred", and the evidence of every fact.
                  content:
                    application/json: {schema: {type: object, required: [match, profile, evidence]}}
                "400": {$ref: "#/components/responses/Error"}
                "413": {$ref: "#/components/responses/Error"}
          /v1/diagnose:
            post:
              summary: Find hardening failures in a pasted log (kubectl logs, describe, events, compose, journald).
              parameters:
                - {name: image, in: query, required: false, schema: {type: string}, description: the image the log comes from}
              requestBody:
                required: true
                content:
                  text/plain: {schema: {type: string}}
              responses:
                "200":
                  description: The findings, a patch and the overlay facts.
                  content:
                    application/json: {schema: {$ref: "#/components/schemas/Diagnosis"}}
                "400": {$ref: "#/components/responses/Error"}
                "413": {$ref: "#/components/responses/Error"}
        components:
          responses:
            Error:
              description: An error.
              content:
                application/json:
                  schema:
                    type: object
                    required: [error]
                    properties:
                      error:
                        type: object
                        required: [status, code, field, message]
                        properties:
                          status: {type: integer}
                          code: {type: string}
                          field: {type: [string, "null"], description: "the request's JSON field, query or path parameter, or body; null when no one part is at fault"}
                          message: {type: string}
          schemas:
            Resolution:
              type: object
              required: [input, reference, match, profile, suggestions]
              properties:
                input: {type: string}
                reference:
                  type: object
                  properties: {domain: {type: string}, path: {type: string}, repository: {type: string}, tag: {type: [string, "null"]}, digest: {type: [string, "null"]}}
                match:
                  type: [object, "null"]
                  properties: {image: {type: string}, variant: {type: string}, via: {enum: [canonical, alias, mirror]}, reason: {type: string}, assumptions: {type: array, items: {type: string}}}
                profile: {type: [object, "null"]}
                suggestions: {type: array, items: {type: string}}
            ImageSummary:
              type: object
              properties: {repository: {type: string}, description: {type: string}, variants: {type: array, items: {type: string}}, aliases: {type: array, items: {type: string}}, confidence: {enum: [\#(oneOf(Confidence.self))]}, layer: {type: string}}
            ImageEntry:
              type: object
              properties: {repository: {type: string}, description: {type: string}, aliases: {type: array}, sources: {type: array}, variants: {type: array}}
            GenerateRequest:
              type: object
              required: [references]
              properties:
                references: {type: array, items: {type: string}, minItems: 1, maxItems: 16}
                kind: {enum: [\#(oneOf(GenerateOptions.Kind.self))]}
                format: {enum: [\#(oneOf(GenerateOptions.Format.self))]}
                platform: {enum: [\#(oneOf(GenerateOptions.Platform.self))]}
                name: {type: string}
                namespace: {type: string}
                replicas: {type: integer}
                schedule: {type: string}
                ports: {type: array, items: {type: integer}, maxItems: 64}
                runAs: {type: string, example: "1000:1000"}
                writable: {type: array, items: {type: string}, maxItems: 256}
                variant: {type: string}
                container: {type: string}
                automountServiceAccountToken: {type: boolean}
                strict: {type: boolean, description: "refuse an image not in the knowledge base (the default)"}
                generic: {type: boolean, description: "a generic profile for an image not in the knowledge base"}
                like: {type: string, description: "a known image whose profile is used for an image not in the knowledge base"}
                resources: {type: string, example: "cpu=250m,memory=256Mi"}
                chart: {enum: [\#(HelmChartPreset.names.joined(separator: ", "))], description: "with format helm-values: the chart whose values layout to write (default helm-create); \#(HelmChartPreset.severalImageNames.joined(separator: " and ")) take several references, each matched to the chart's role whose default image it is"}
                split: {type: boolean, description: "one workload and Service per image (a YAML stream, a List in JSON) or one pod running them all; absent: split for several images as a deployment or statefulset, always for compose and docker-run"}
            Diagnosis:
              type: object
              required: [findings, patch, overlay]
              properties:
                findings:
                  type: array
                  items:
                    type: object
                    required: [kind, path, port, capability, line, evidence, explanation, fix, inKnowledgeBase]
                    properties:
                      kind: {enum: [\#(oneOf(DiagnosisFinding.Kind.self))]}
                      path: {type: [string, "null"]}
                      port: {type: [integer, "null"]}
                      capability: {type: [string, "null"]}
                      line: {type: integer}
                      evidence: {type: string}
                      explanation: {type: string}
                      fix: {type: string}
                      inKnowledgeBase: {type: [boolean, "null"]}
                patch: {type: [object, "null"]}
                overlay: {type: [string, "null"]}
            FixAnswer:
              type: object
              required: [fixed, changed, changes, migrations, unfixed, omittedFindings]
              properties:
                fixed: {type: string, description: "the fixed manifest, or the manifest as sent when nothing needed fixing"}
                changed: {type: boolean}
                changes: {type: array, items: {type: object, required: [object, change], properties: {object: {type: string}, container: {type: string}, change: {type: string}}}}
                migrations:
                  type: array
                  description: changes withheld because they would move existing data, with the steps to migrate by hand
                  items: {type: object, required: [object, container, change, why, steps, instead], properties: {object: {type: string}, container: {type: string}, change: {type: string}, why: {type: string}, steps: {type: array, items: {type: string}}, instead: {type: string}}}
                formatting: {type: string, description: "set when the manifest was re-emitted instead of edited in place: why"}
                unfixed: {type: array, items: {type: object}, description: "the findings the fixed manifest still has"}
                omittedFindings: {type: integer, description: "unfixed findings left out past the 2,000 an answer lists"}
            AuditReport:
              type: object
              properties:
                findings: {type: array, items: {type: object}}
                files: {type: integer}
                objectsAudited: {type: integer}
                skippedByKind: {type: object}
                problems: {type: array, items: {type: object}}
                suppressed: {type: array, items: {type: object}}
                skippedInputs: {type: array, items: {type: object}}
                omittedFindings: {type: integer, description: "findings left out past the 2,000 an answer lists"}
        """#

    /// An enum's values as the document lists them, so that the document follows the code.
    private static func oneOf<T: CaseIterable & RawRepresentable<String>>(_: T.Type) -> String {
        T.allCases.map(\.rawValue).joined(separator: ", ")
    }
}
