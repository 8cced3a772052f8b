#!/usr/bin/env python3
"""Writes docs/openapi.json (the server's OpenAPI 3.1 contract) and embeds the same bytes in
Sources/TollgateServer/OpenAPI/OpenAPIDocument.swift, which the server serves at /openapi.json.

Edit the document here, run `python3 scripts/openapi.py`, and commit both files;
OpenAPIContractTests checks that the routes and the document agree and that the two copies match."""
import json, pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent

def ref(name): return {"$ref": f"#/components/schemas/{name}"}
def error_responses(*codes):
    text = {400: "Malformed request", 401: "No or invalid credentials", 403: "Role does not grant this endpoint",
            404: "Not found", 409: "Conflicts with the stored state", 413: "Body over the size limit",
            415: "Unsupported Content-Type", 422: "Refused: evidence did not verify, policy did not parse",
            429: "Rate limit exceeded", 503: "Starting, store unavailable, or request time limit"}
    return {str(c): {"description": text[c], "content": {"application/json": {"schema": ref("Error")}}} for c in codes}
def json_response(schema, description="OK"):
    return {"description": description, "content": {"application/json": {"schema": schema}}}
def op(operation_id, summary, role, responses, params=None, body=None, tags=None, security=True):
    o = {"operationId": operation_id, "summary": summary, "x-tollgate-role": role,
         "responses": responses}
    if params: o["parameters"] = params
    if body: o["requestBody"] = body
    if not security: o["security"] = []
    elif role.startswith("anonymous if public"): o["security"] = [{}, {"bearer": []}]
    return o
def path_param(name, schema=None, description=None):
    p = {"name": name, "in": "path", "required": True, "schema": schema or {"type": "string"}}
    if description: p["description"] = description
    return p
def query_param(name, schema, required=False, description=None):
    p = {"name": name, "in": "query", "required": required, "schema": schema}
    if description: p["description"] = description
    return p

DIGEST = {"type": "string", "pattern": "^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$",
          "examples": ["sha256:" + "ab" * 32]}
COMMON = [401, 403, 429, 503]
digest_param = path_param("digest", DIGEST, "The artifact's digest")

schemas = {
    "Error": {"type": "object", "required": ["code", "message"], "additionalProperties": False,
              "properties": {"code": {"type": "string"}, "message": {"type": "string"}}},
    "Health": {"type": "object", "required": ["status"], "properties": {"status": {"type": "string"}}},
    "Whoami": {"type": "object", "required": ["kind", "name", "id", "role", "actor"],
               "properties": {"kind": {"enum": ["token", "oidc"]}, "name": {"type": "string"}, "id": {"type": "string"},
                              "role": ref("Role"), "actor": {"type": "string"}}},
    "Role": {"enum": ["admin", "publisher", "deployer", "auditor", "reader"]},
    "ArtifactRegistration": {"type": "object", "required": ["digest"], "additionalProperties": False,
                             "properties": {"digest": DIGEST, "name": {"type": "string"}, "version": {"type": "string"},
                                            "purl": {"type": "string"}}},
    "Artifact": {"type": "object", "required": ["digest", "public", "registered", "ledgerIndex"],
                 "properties": {"digest": {"type": "string"}, "name": {"type": "string"}, "version": {"type": "string"},
                                "purl": {"type": "string"}, "public": {"type": "boolean"},
                                "registered": {"type": "string", "format": "date-time"},
                                "registeredBy": {"type": "string", "description": "Shown to principals only"},
                                "ledgerIndex": {"type": "integer", "minimum": 0}}},
    "ArtifactList": {"type": "object", "required": ["artifacts"],
                     "properties": {"artifacts": {"type": "array", "items": ref("Artifact")}, "next": {"type": "string"}}},
    "ArtifactDetail": {"type": "object", "required": ["artifact", "evidence", "decisions"],
                       "properties": {"artifact": ref("Artifact"), "evidence": {"type": "array", "items": ref("Evidence")},
                                      "decisions": {"type": "array", "items": ref("DecisionSummary")}}},
    "Disclosure": {"type": "object", "required": ["public"], "additionalProperties": False,
                   "properties": {"public": {"type": "boolean"}}},
    "Evidence": {"type": "object", "required": ["document", "kind", "mediaType", "stored", "ledgerIndex", "verification"],
                 "properties": {"document": {"type": "string"}, "kind": ref("EvidenceKind"), "mediaType": {"type": "string"},
                                "stored": {"type": "string", "format": "date-time"}, "storedBy": {"type": "string"},
                                "ledgerIndex": {"type": "integer", "minimum": 0},
                                "verification": {"type": "object", "description": "What verified on upload: signatures, statements (provenance and SBOM summaries), sbom"}}},
    "EvidenceKind": {"enum": ["signature", "bundle", "attestation", "sbom", "scan", "source-audit"]},
    "EvidenceList": {"type": "object", "required": ["subject", "evidence"],
                     "properties": {"subject": {"type": "string"}, "evidence": {"type": "array", "items": ref("Evidence")}}},
    "DecisionRequest": {"type": "object", "required": ["digest", "policy"], "additionalProperties": False,
                        "properties": {"digest": DIGEST, "policy": {"type": "string", "minLength": 1},
                                       "version": {"type": "integer", "minimum": 1},
                                       "reference": {"type": "string", "description": "How a deployment references the artifact, for deploy.byDigest"}}},
    "Decision": {"type": "object", "description": "The tollgate.dev/decision/v2 report of `tollgate verify --format json` (docs/policy.md), with `ledger`: the inclusion receipt",
                 "required": ["schemaVersion", "decision", "policy", "artifact", "evaluatedAt", "rules"],
                 "properties": {"schemaVersion": {"type": "string"}, "decision": {"enum": ["allow", "warn", "deny"]},
                                "policy": {"type": "string"}, "policyDigest": {"type": "string"},
                                "artifact": {"type": "object"}, "evaluatedAt": {"type": "string", "format": "date-time"},
                                "rules": {"type": "array", "items": {"type": "object"}},
                                "expiredExceptions": {"type": "array", "items": {"type": "string"}},
                                "problems": {"type": "array", "items": {"type": "object"}},
                                "database": {"type": "object"}, "ledger": {"type": "object"}}},
    "DecisionSummary": {"type": "object", "required": ["policy", "policyDigest", "decision", "evaluatedAt", "document", "ledgerIndex"],
                        "properties": {"policy": {"type": "string"}, "policyDigest": {"type": "string"},
                                       "decision": {"enum": ["allow", "warn", "deny"]},
                                       "evaluatedAt": {"type": "string", "format": "date-time"},
                                       "document": {"type": "string"}, "ledgerIndex": {"type": "integer", "minimum": 0}}},
    "DecisionList": {"type": "object", "required": ["subject", "decisions"],
                     "properties": {"subject": {"type": "string"}, "decisions": {"type": "array", "items": ref("DecisionSummary")}}},
    "PolicyVersion": {"type": "object", "required": ["name", "version", "digest", "published", "publishedBy", "ledgerIndex"],
                      "properties": {"name": {"type": "string"}, "version": {"type": "integer", "minimum": 1},
                                     "digest": {"type": "string"}, "published": {"type": "string", "format": "date-time"},
                                     "publishedBy": {"type": "string"}, "ledgerIndex": {"type": "integer", "minimum": 0}}},
    "PolicyList": {"type": "object", "required": ["policies"],
                   "properties": {"policies": {"type": "array", "items": ref("PolicyVersion")}}},
    "PolicyHistory": {"type": "object", "required": ["name", "versions"],
                      "properties": {"name": {"type": "string"}, "versions": {"type": "array", "items": ref("PolicyVersion")}}},
    "ExceptionReport": {"type": "object", "required": ["schemaVersion", "now", "exceptions"],
                        "properties": {"schemaVersion": {"const": "tollgate.dev/exceptions/v1"},
                                       "now": {"type": "string", "format": "date-time"},
                                       "exceptions": {"type": "array", "items": {"type": "object",
                                           "required": ["policy", "id", "owner", "reason", "scope", "match", "expires", "status", "daysLeft"],
                                           "properties": {"status": {"enum": ["active", "expiring", "expired"]}}}}}},
    "RemediationReport": {"type": "object", "required": ["schemaVersion", "now", "items"],
                          "properties": {"schemaVersion": {"const": "tollgate.dev/remediation/v1"},
                                         "now": {"type": "string", "format": "date-time"},
                                         "items": {"type": "array", "items": {"type": "object",
                                             "required": ["advisory", "purl", "artifact", "environments", "severity", "status", "owner", "policies"],
                                             "properties": {"status": {"enum": ["open", "overdue", "excepted", "fixed"]},
                                                            "due": {"type": "string", "format": "date-time"},
                                                            "firstSeen": {"type": "string", "format": "date-time"},
                                                            "fixedAt": {"type": "string", "format": "date-time"},
                                                            "owner": {"type": "string"},
                                                            "ownerSource": {"enum": ["exception", "codeowners", "policy", "unassigned"]},
                                                            "exception": {"type": "string"}}}}}},
    "ReevaluationReport": {"type": "object", "required": ["schemaVersion", "ledgerIndex", "run"],
                           "properties": {"schemaVersion": {"const": "tollgate.dev/reevaluation/v1"},
                                          "ledgerIndex": {"type": "integer", "minimum": 0},
                                          "run": {"type": "object",
                                                  "required": ["schemaVersion", "trigger", "started", "finished", "artifacts", "undecided", "problems"],
                                                  "properties": {"schemaVersion": {"const": "tollgate.dev/ledger/reevaluation-run/v1"},
                                                                 "trigger": {"enum": ["requested", "advisory-database-changed"]},
                                                                 "requestedBy": {"type": "string"},
                                                                 "advisoryRevision": {"type": "integer"},
                                                                 "advisoryImport": {"type": "string", "format": "date-time"},
                                                                 "started": {"type": "string", "format": "date-time"},
                                                                 "finished": {"type": "string", "format": "date-time"},
                                                                 "artifacts": {"type": "array", "items": {"type": "object",
                                                                     "required": ["digest", "environments", "decisions", "newDenials", "newAdvisories", "ledgerIndexes"],
                                                                     "properties": {"digest": {"type": "string"},
                                                                                    "environments": {"type": "array", "items": {"type": "string"}},
                                                                                    "decisions": {"type": "object", "additionalProperties": {"enum": ["allow", "warn", "deny"]}},
                                                                                    "newDenials": {"type": "array", "items": {"type": "string"}},
                                                                                    "newAdvisories": {"type": "array", "items": {"type": "string"}},
                                                                                    "ledgerIndexes": {"type": "array", "items": {"type": "integer", "minimum": 0}}}}},
                                                                 "undecided": {"type": "array", "items": {"type": "string"}},
                                                                 "problems": {"type": "array", "items": {"type": "string"}}}}}},
    "LedgerEntry": {"type": "object", "required": ["schemaVersion", "index", "kind", "time", "actor", "payloadDigest", "leafHash"],
                    "properties": {"schemaVersion": {"const": "tollgate.dev/ledger-entry/v1"}, "index": {"type": "integer", "minimum": 0},
                                   "kind": {"type": "string"}, "time": {"type": "string", "format": "date-time"},
                                   "actor": {"type": "string"}, "payloadDigest": {"type": "string"}, "leafHash": {"type": "string"},
                                   "payload": {"type": "string"}}},
    "InclusionProof": {"type": "object", "required": ["leafIdx", "treeSize", "leafHash", "root", "proof"],
                       "properties": {"leafIdx": {"type": "integer"}, "treeSize": {"type": "integer"}, "leafHash": {"type": "string"},
                                      "root": {"type": "string"}, "proof": {"type": "array", "items": {"type": "string"}}}},
    "ConsistencyProof": {"type": "object", "required": ["size1", "size2", "root1", "root2", "proof"],
                         "properties": {"size1": {"type": "integer"}, "size2": {"type": "integer"}, "root1": {"type": "string"},
                                        "root2": {"type": "string"}, "proof": {"type": "array", "items": {"type": "string"}}}},
    "DeploymentRequest": {"type": "object", "required": ["environment", "image"], "additionalProperties": False,
                          "description": "One deployment; send several as application/x-ndjson, one object per line",
                          "properties": {"environment": {"type": "string", "minLength": 1}, "cluster": {"type": "string", "minLength": 1},
                                         "namespace": {"type": "string", "minLength": 1}, "service": {"type": "string", "minLength": 1},
                                         "image": {"type": "string", "minLength": 1}, "digest": DIGEST, "stopped": {"type": "boolean"},
                                         "time": {"type": "string", "format": "date-time"}}},
    "DeployReport": {"type": "object", "required": ["schemaVersion", "deployments", "unresolved"],
                     "description": "The tollgate.dev/deploy/v1 report of `tollgate deploy record --format json`",
                     "properties": {"schemaVersion": {"const": "tollgate.dev/deploy/v1"},
                                    "deployments": {"type": "array", "items": {"type": "object",
                                        "required": ["environment", "image", "running", "digestFrom", "explanation", "ledgerIndex"]}},
                                    "unresolved": {"type": "integer", "minimum": 0}}},
    "IncidentAnswer": {"type": "object", "required": ["schemaVersion", "status"],
                       "description": "The tollgate.dev/incident/v1 answer of `tollgate incident --format json` (docs/inventory.md)",
                       "properties": {"schemaVersion": {"type": "string"}, "status": {"type": "string"}}},
    "AdmissionReview": {"type": "object", "required": ["apiVersion", "kind"],
                        "description": "A Kubernetes AdmissionReview (admission.k8s.io/v1 or v1beta1); the answer is in the version sent, with response.uid = request.uid (docs/admission.md)",
                        "properties": {"apiVersion": {"enum": ["admission.k8s.io/v1", "admission.k8s.io/v1beta1"]},
                                       "kind": {"const": "AdmissionReview"}, "request": {"type": "object"},
                                       "response": {"type": "object", "required": ["uid", "allowed"],
                                                    "properties": {"uid": {"type": "string"}, "allowed": {"type": "boolean"},
                                                                   "status": {"type": "object"},
                                                                   "warnings": {"type": "array", "items": {"type": "string"}},
                                                                   "patchType": {"const": "JSONPatch"}, "patch": {"type": "string", "contentEncoding": "base64"},
                                                                   "auditAnnotations": {"type": "object", "additionalProperties": {"type": "string"}}}}}},
    "TokenRequest": {"type": "object", "required": ["name", "role"], "additionalProperties": False,
                     "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[^\\s]+$"},
                                    "role": ref("Role"),
                                    "expires": {"type": "string", "pattern": "^[0-9]+[smhdw]$", "examples": ["90d"]}}},
    "TokenCreated": {"type": "object", "required": ["token", "id", "role", "expires"], "additionalProperties": False,
                     "properties": {"token": {"type": "string"}, "id": {"type": "string"}, "role": ref("Role"),
                                    "expires": {"type": ["string", "null"], "format": "date-time"}}},
    "TokenSummary": {"type": "object", "required": ["id", "name", "role", "created", "createdBy", "status"],
                     "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "role": ref("Role"),
                                    "created": {"type": "string", "format": "date-time"},
                                    "expires": {"type": "string", "format": "date-time"},
                                    "revoked": {"type": "string", "format": "date-time"},
                                    "createdBy": {"type": "string"}, "status": {"enum": ["active", "expired", "revoked"]}}},
    "TokenList": {"type": "object", "required": ["schemaVersion", "tokens"],
                  "properties": {"schemaVersion": {"const": "tollgate.dev/tokens/v1"},
                                 "tokens": {"type": "array", "items": ref("TokenSummary")}}},
}

binary = {"type": "string", "contentMediaType": "application/octet-stream"}
paths = {
    "/healthz": {"get": op("health", "The process answers", "anonymous", {"200": json_response(ref("Health"))}, security=False)},
    "/readyz": {"get": op("readiness", "Stores and trusted root loaded", "anonymous",
                          {"200": json_response(ref("Health")), **error_responses(503)}, security=False)},
    "/openapi.json": {"get": op("openapi", "This document", "anonymous",
                                {"200": json_response({"type": "object"})}, security=False)},
    "/v1/whoami": {"get": op("whoami", "The caller's principal and role", "reader",
                             {"200": json_response(ref("Whoami")), **error_responses(*COMMON)})},
    "/v1/artifacts": {
        "post": op("registerArtifact", "Register an artifact by digest", "publisher",
                   {"200": json_response(ref("Artifact"), "Already registered with the same identity"),
                    "201": json_response(ref("Artifact"), "Registered"), **error_responses(400, 409, 413, 415, *COMMON)},
                   body={"required": True, "content": {"application/json": {"schema": ref("ArtifactRegistration")}}}),
        "get": op("listArtifacts", "List artifacts (anonymous callers see disclosed ones)", "anonymous if public, else reader",
                  {"200": json_response(ref("ArtifactList")), **error_responses(400, *COMMON)},
                  params=[query_param("after", DIGEST), query_param("limit", {"type": "integer", "minimum": 1, "maximum": 1000})]),
    },
    "/v1/artifacts/{digest}": {"get": op("getArtifact", "An artifact with its evidence and decisions", "anonymous if public, else reader",
                                         {"200": json_response(ref("ArtifactDetail")), **error_responses(400, 404, *COMMON)},
                                         params=[digest_param])},
    "/v1/artifacts/{digest}/disclosure": {"put": op("setDisclosure", "Disclose an artifact to anonymous readers, or withdraw it", "admin",
                                                    {"200": json_response(ref("Artifact")), **error_responses(400, 404, 413, 415, *COMMON)},
                                                    params=[digest_param],
                                                    body={"required": True, "content": {"application/json": {"schema": ref("Disclosure")}}})},
    "/v1/artifacts/{digest}/evidence": {
        "post": op("uploadEvidence", "Upload an evidence document; verified before it is stored", "publisher",
                   {"200": json_response(ref("Evidence"), "Already attached"), "201": json_response(ref("Evidence"), "Verified, stored and attached"),
                    **error_responses(400, 404, 413, 415, 422, *COMMON)},
                   params=[digest_param, query_param("kind", ref("EvidenceKind"), True)],
                   body={"required": True, "content": {t: {"schema": binary} for t in [
                       "application/json", "application/x-ndjson", "application/jsonl", "application/octet-stream", "text/plain",
                       "application/vnd.cyclonedx+json", "application/spdx+json", "application/xml", "application/vnd.cyclonedx+xml",
                       "text/xml", "text/spdx"]}}),
        "get": op("listEvidence", "The evidence attached to an artifact", "anonymous if public, else reader",
                  {"200": json_response(ref("EvidenceList")), **error_responses(400, 404, *COMMON)}, params=[digest_param]),
    },
    "/v1/artifacts/{digest}/evidence/{document}": {"get": op("getEvidenceDocument", "An attached document, as uploaded", "reader",
        {"200": {"description": "The document", "content": {"*/*": {"schema": binary}}}, **error_responses(400, 404, *COMMON)},
        params=[digest_param, path_param("document", DIGEST)])},
    "/v1/decisions": {"post": op("decide", "Evaluate a published policy for an artifact and record the decision", "publisher",
                                 {"201": json_response(ref("Decision"), "Evaluated and recorded"), **error_responses(400, 404, 413, 415, 422, *COMMON)},
                                 body={"required": True, "content": {"application/json": {"schema": ref("DecisionRequest")}}})},
    "/v1/artifacts/{digest}/decisions": {"get": op("listDecisions", "The latest decision of each policy", "anonymous if public, else reader",
                                                   {"200": json_response(ref("DecisionList")), **error_responses(400, 404, *COMMON)},
                                                   params=[digest_param])},
    "/v1/artifacts/{digest}/decisions/{policy}": {"get": op("getDecision", "The whole latest decision of one policy", "anonymous if public, else reader",
                                                            {"200": json_response(ref("Decision")), **error_responses(400, 404, *COMMON)},
                                                            params=[digest_param, path_param("policy")])},
    "/v1/policies": {"get": op("listPolicies", "The newest version of each policy", "reader",
                               {"200": json_response(ref("PolicyList")), **error_responses(*COMMON)})},
    "/v1/policies/{name}": {
        "put": op("publishPolicy", "Publish a new version of a policy (YAML)", "admin",
                  {"200": json_response(ref("PolicyVersion"), "Same as the newest version"), "201": json_response(ref("PolicyVersion"), "Published"),
                   **error_responses(400, 413, 415, 422, *COMMON)},
                  params=[path_param("name")],
                  body={"required": True, "content": {t: {"schema": {"type": "string"}} for t in
                                                      ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"]}}),
        "get": op("getPolicy", "Every version of a policy", "reader",
                  {"200": json_response(ref("PolicyHistory")), **error_responses(404, *COMMON)}, params=[path_param("name")]),
    },
    "/v1/policies/{name}/versions/{version}": {"get": op("getPolicyVersion", "One version's document", "reader",
        {"200": {"description": "The policy document", "content": {"application/yaml": {"schema": {"type": "string"}}}},
         **error_responses(400, 404, *COMMON)},
        params=[path_param("name"), path_param("version", {"type": "integer", "minimum": 1})])},
    "/v1/exceptions": {"get": op("listExceptions", "Exceptions of the newest policy versions", "reader",
                                 {"200": json_response(ref("ExceptionReport")), **error_responses(400, *COMMON)},
                                 params=[query_param("expiring", {"type": "string", "pattern": "^[0-9]+[smhdw]$"})])},
    "/v1/remediation": {"get": op("listRemediation", "Remediation items: each finding of a running artifact with its SLO due date", "reader",
                                  {"200": json_response(ref("RemediationReport")), **error_responses(400, *COMMON)},
                                  params=[query_param("status", {"enum": ["open", "overdue", "excepted", "fixed"]})])},
    "/v1/reevaluations": {"post": op("runReevaluation", "Decide every running artifact again now, as a changed advisory database does; records a reevaluation.run entry", "publisher",
                                     {"201": json_response(ref("ReevaluationReport"), "The run, recorded"), **error_responses(*COMMON)})},
    "/v1/deployments": {"post": op("recordDeployments", "Record what runs (or stopped) where", "deployer",
                                   {"201": json_response(ref("DeployReport")), **error_responses(400, 413, 415, 422, *COMMON)},
                                   body={"required": True, "content": {"application/json": {"schema": ref("DeploymentRequest")},
                                                                        "application/x-ndjson": {"schema": {"type": "string"}},
                                                                        "application/jsonl": {"schema": {"type": "string"}}}})},
    "/v1/admission": {"post": op("admissionReview", "Kubernetes validating admission webhook: every image of a workload, by digest (docs/admission.md)", "deployer",
                                 {"200": json_response(ref("AdmissionReview"), "The AdmissionReview response: allowed, or denied with status and message"),
                                  **error_responses(400, 404, 413, 415, *COMMON)},
                                 body={"required": True, "content": {"application/json": {"schema": ref("AdmissionReview")}}})},
    "/v1/admission/pin": {"post": op("admissionPin", "Optional Kubernetes mutating webhook: pins tag-only images to the digest their recorded tag history resolves to, with an idempotent JSON Patch; never denies (docs/admission.md)", "deployer",
                                     {"200": json_response(ref("AdmissionReview"), "The AdmissionReview response: allowed, with patchType JSONPatch and patch when a tag was pinned"),
                                      **error_responses(400, 404, 413, 415, *COMMON)},
                                     body={"required": True, "content": {"application/json": {"schema": ref("AdmissionReview")}}})},
    "/v1/incidents": {"get": op("answerIncident", "Which artifacts are affected, where they run, what to block and rebuild", "auditor",
                                {"200": json_response(ref("IncidentAnswer")), **error_responses(400, 404, 422, *COMMON)},
                                params=[query_param(name, {"type": "string", "minLength": 1}) for name in
                                        ["component", "versions", "advisory", "builder", "workflow", "repository", "artifact", "policy"]])},
    "/v1/ledger/checkpoint": {"get": op("getCheckpoint", "The newest signed checkpoint (C2SP tlog-checkpoint)", "anonymous",
                                        {"200": {"description": "A signed note", "content": {"text/plain": {"schema": {"type": "string"}}}},
                                         **error_responses(503)}, security=False)},
    "/v1/ledger/tile/{tile}": {"get": op("getTile", "A C2SP tlog-tiles hash tile (public) or entry bundle (public entries only, else auditor); {tile} is the rest of the path, e.g. 0/x001/234.p/5 or entries/000", "anonymous if public, else auditor",
                                         {"200": {"description": "Tile bytes, immutable", "content": {"application/octet-stream": {"schema": binary}}},
                                          **error_responses(404, *COMMON)},
                                         params=[path_param("tile")])},
    "/v1/ledger/entries/{index}": {"get": op("getEntry", "One entry (public entries only, else auditor)", "anonymous if public, else auditor",
                                             {"200": json_response(ref("LedgerEntry")), **error_responses(400, 404, *COMMON)},
                                             params=[path_param("index", {"type": "integer", "minimum": 0})])},
    "/v1/ledger/proofs/inclusion": {"get": op("proveInclusion", "RFC 9162 inclusion proof", "auditor",
                                              {"200": json_response(ref("InclusionProof")), **error_responses(400, 404, *COMMON)},
                                              params=[query_param("index", {"type": "integer", "minimum": 0}, True),
                                                      query_param("size", {"type": "integer", "minimum": 1})])},
    "/v1/ledger/proofs/consistency": {"get": op("proveConsistency", "RFC 9162 consistency proof", "auditor",
                                                {"200": json_response(ref("ConsistencyProof")), **error_responses(400, 404, *COMMON)},
                                                params=[query_param("from", {"type": "integer", "minimum": 0}, True),
                                                        query_param("to", {"type": "integer", "minimum": 0})])},
    "/v1/tokens": {
        "get": op("listTokens", "Every API token (never a token or hash)", "admin",
                  {"200": json_response(ref("TokenList")), **error_responses(*COMMON)}),
        "post": op("createToken", "Create an API token; the response is the only place it appears", "admin",
                   {"201": json_response(ref("TokenCreated")), **error_responses(400, 409, 413, 415, *COMMON)},
                   body={"required": True, "content": {"application/json": {"schema": ref("TokenRequest")}}}),
    },
    "/v1/tokens/{id}": {"delete": op("revokeToken", "Revoke an API token", "admin",
                                     {"200": json_response(ref("TokenSummary")), **error_responses(404, *COMMON)},
                                     params=[path_param("id")])},
}

def link(response, link_name, operation_id, **parameters):
    response.setdefault("links", {})[link_name] = {"operationId": operation_id, "parameters": parameters}

# Links let a stateful client (schemathesis) follow what one call creates into the next.
artifact_created = paths["/v1/artifacts"]["post"]["responses"]["201"]
for op_id in ["getArtifact", "uploadEvidence", "listEvidence", "listDecisions", "setDisclosure"]:
    link(artifact_created, op_id, op_id, digest="$response.body#/digest")
policy_created = paths["/v1/policies/{name}"]["put"]["responses"]["201"]
link(policy_created, "getPolicy", "getPolicy", name="$response.body#/name")
link(policy_created, "getPolicyVersion", "getPolicyVersion", name="$response.body#/name", version="$response.body#/version")
link(paths["/v1/tokens"]["post"]["responses"]["201"], "revokeToken", "revokeToken", id="$response.body#/id")

document = {
    "openapi": "3.1.0",
    "info": {"title": "Tollgate server", "version": "1",
             "description": "The shared gate, ledger and inventory (docs/server.md). Errors are {code, message}. "
                            "x-tollgate-role is the least role each operation needs."},
    "servers": [{"url": "http://127.0.0.1:8080"}],
    "security": [{"bearer": []}],
    "paths": paths,
    "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                                  "description": "A Tollgate API token (tg_…) or a CI job's OIDC token"}},
                   "schemas": schemas},
}

text = json.dumps(document, indent=2, sort_keys=True) + "\n"
(ROOT / "docs" / "openapi.json").write_text(text)
assert '"""#' not in text
swift = ('/// The OpenAPI 3.1 document served at `/openapi.json`: generated with docs/openapi.json by\n'
         '/// `scripts/openapi.py` (edit there), and checked against the routes by `OpenAPIContractTests`.\n'
         'enum OpenAPIDocument {\n    static let json = #"""\n' + text + '\n"""#\n}\n')
(ROOT / "Sources" / "TollgateServer" / "OpenAPI" / "OpenAPIDocument.swift").write_text(swift)
print(f"{len(paths)} paths, {sum(len(v) for v in paths.values())} operations")
