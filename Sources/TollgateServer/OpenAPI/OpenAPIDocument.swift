/// The OpenAPI 3.1 document served at `/openapi.json`: generated with docs/openapi.json by
/// `scripts/openapi.py` (edit there), and checked against the routes by `OpenAPIContractTests`.
enum OpenAPIDocument {
    static let json = #"""
{
  "components": {
    "schemas": {
      "AdmissionReview": {
        "description": "A Kubernetes AdmissionReview (admission.k8s.io/v1 or v1beta1); the answer is in the version sent, with response.uid = request.uid (docs/admission.md)",
        "properties": {
          "apiVersion": {
            "enum": [
              "admission.k8s.io/v1",
              "admission.k8s.io/v1beta1"
            ]
          },
          "kind": {
            "const": "AdmissionReview"
          },
          "request": {
            "type": "object"
          },
          "response": {
            "properties": {
              "allowed": {
                "type": "boolean"
              },
              "auditAnnotations": {
                "additionalProperties": {
                  "type": "string"
                },
                "type": "object"
              },
              "patch": {
                "contentEncoding": "base64",
                "type": "string"
              },
              "patchType": {
                "const": "JSONPatch"
              },
              "status": {
                "type": "object"
              },
              "uid": {
                "type": "string"
              },
              "warnings": {
                "items": {
                  "type": "string"
                },
                "type": "array"
              }
            },
            "required": [
              "uid",
              "allowed"
            ],
            "type": "object"
          }
        },
        "required": [
          "apiVersion",
          "kind"
        ],
        "type": "object"
      },
      "Artifact": {
        "properties": {
          "digest": {
            "type": "string"
          },
          "ledgerIndex": {
            "minimum": 0,
            "type": "integer"
          },
          "name": {
            "type": "string"
          },
          "public": {
            "type": "boolean"
          },
          "purl": {
            "type": "string"
          },
          "registered": {
            "format": "date-time",
            "type": "string"
          },
          "registeredBy": {
            "description": "Shown to principals only",
            "type": "string"
          },
          "version": {
            "type": "string"
          }
        },
        "required": [
          "digest",
          "public",
          "registered",
          "ledgerIndex"
        ],
        "type": "object"
      },
      "ArtifactDetail": {
        "properties": {
          "artifact": {
            "$ref": "#/components/schemas/Artifact"
          },
          "decisions": {
            "items": {
              "$ref": "#/components/schemas/DecisionSummary"
            },
            "type": "array"
          },
          "evidence": {
            "items": {
              "$ref": "#/components/schemas/Evidence"
            },
            "type": "array"
          }
        },
        "required": [
          "artifact",
          "evidence",
          "decisions"
        ],
        "type": "object"
      },
      "ArtifactList": {
        "properties": {
          "artifacts": {
            "items": {
              "$ref": "#/components/schemas/Artifact"
            },
            "type": "array"
          },
          "next": {
            "type": "string"
          }
        },
        "required": [
          "artifacts"
        ],
        "type": "object"
      },
      "ArtifactRegistration": {
        "additionalProperties": false,
        "properties": {
          "digest": {
            "examples": [
              "sha256:abababababababababababababababababababababababababababababababab"
            ],
            "pattern": "^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$",
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "purl": {
            "type": "string"
          },
          "version": {
            "type": "string"
          }
        },
        "required": [
          "digest"
        ],
        "type": "object"
      },
      "ConsistencyProof": {
        "properties": {
          "proof": {
            "items": {
              "type": "string"
            },
            "type": "array"
          },
          "root1": {
            "type": "string"
          },
          "root2": {
            "type": "string"
          },
          "size1": {
            "type": "integer"
          },
          "size2": {
            "type": "integer"
          }
        },
        "required": [
          "size1",
          "size2",
          "root1",
          "root2",
          "proof"
        ],
        "type": "object"
      },
      "Decision": {
        "description": "The tollgate.dev/decision/v2 report of `tollgate verify --format json` (docs/policy.md), with `ledger`: the inclusion receipt",
        "properties": {
          "artifact": {
            "type": "object"
          },
          "database": {
            "type": "object"
          },
          "decision": {
            "enum": [
              "allow",
              "warn",
              "deny"
            ]
          },
          "evaluatedAt": {
            "format": "date-time",
            "type": "string"
          },
          "expiredExceptions": {
            "items": {
              "type": "string"
            },
            "type": "array"
          },
          "ledger": {
            "type": "object"
          },
          "policy": {
            "type": "string"
          },
          "policyDigest": {
            "type": "string"
          },
          "problems": {
            "items": {
              "type": "object"
            },
            "type": "array"
          },
          "rules": {
            "items": {
              "type": "object"
            },
            "type": "array"
          },
          "schemaVersion": {
            "type": "string"
          }
        },
        "required": [
          "schemaVersion",
          "decision",
          "policy",
          "artifact",
          "evaluatedAt",
          "rules"
        ],
        "type": "object"
      },
      "DecisionList": {
        "properties": {
          "decisions": {
            "items": {
              "$ref": "#/components/schemas/DecisionSummary"
            },
            "type": "array"
          },
          "subject": {
            "type": "string"
          }
        },
        "required": [
          "subject",
          "decisions"
        ],
        "type": "object"
      },
      "DecisionRequest": {
        "additionalProperties": false,
        "properties": {
          "digest": {
            "examples": [
              "sha256:abababababababababababababababababababababababababababababababab"
            ],
            "pattern": "^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$",
            "type": "string"
          },
          "policy": {
            "minLength": 1,
            "type": "string"
          },
          "reference": {
            "description": "How a deployment references the artifact, for deploy.byDigest",
            "type": "string"
          },
          "version": {
            "minimum": 1,
            "type": "integer"
          }
        },
        "required": [
          "digest",
          "policy"
        ],
        "type": "object"
      },
      "DecisionSummary": {
        "properties": {
          "decision": {
            "enum": [
              "allow",
              "warn",
              "deny"
            ]
          },
          "document": {
            "type": "string"
          },
          "evaluatedAt": {
            "format": "date-time",
            "type": "string"
          },
          "ledgerIndex": {
            "minimum": 0,
            "type": "integer"
          },
          "policy": {
            "type": "string"
          },
          "policyDigest": {
            "type": "string"
          }
        },
        "required": [
          "policy",
          "policyDigest",
          "decision",
          "evaluatedAt",
          "document",
          "ledgerIndex"
        ],
        "type": "object"
      },
      "DeployReport": {
        "description": "The tollgate.dev/deploy/v1 report of `tollgate deploy record --format json`",
        "properties": {
          "deployments": {
            "items": {
              "required": [
                "environment",
                "image",
                "running",
                "digestFrom",
                "explanation",
                "ledgerIndex"
              ],
              "type": "object"
            },
            "type": "array"
          },
          "schemaVersion": {
            "const": "tollgate.dev/deploy/v1"
          },
          "unresolved": {
            "minimum": 0,
            "type": "integer"
          }
        },
        "required": [
          "schemaVersion",
          "deployments",
          "unresolved"
        ],
        "type": "object"
      },
      "DeploymentRequest": {
        "additionalProperties": false,
        "description": "One deployment; send several as application/x-ndjson, one object per line",
        "properties": {
          "cluster": {
            "minLength": 1,
            "type": "string"
          },
          "digest": {
            "examples": [
              "sha256:abababababababababababababababababababababababababababababababab"
            ],
            "pattern": "^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$",
            "type": "string"
          },
          "environment": {
            "minLength": 1,
            "type": "string"
          },
          "image": {
            "minLength": 1,
            "type": "string"
          },
          "namespace": {
            "minLength": 1,
            "type": "string"
          },
          "service": {
            "minLength": 1,
            "type": "string"
          },
          "stopped": {
            "type": "boolean"
          },
          "time": {
            "format": "date-time",
            "type": "string"
          }
        },
        "required": [
          "environment",
          "image"
        ],
        "type": "object"
      },
      "Disclosure": {
        "additionalProperties": false,
        "properties": {
          "public": {
            "type": "boolean"
          }
        },
        "required": [
          "public"
        ],
        "type": "object"
      },
      "Error": {
        "additionalProperties": false,
        "properties": {
          "code": {
            "type": "string"
          },
          "message": {
            "type": "string"
          }
        },
        "required": [
          "code",
          "message"
        ],
        "type": "object"
      },
      "Evidence": {
        "properties": {
          "document": {
            "type": "string"
          },
          "kind": {
            "$ref": "#/components/schemas/EvidenceKind"
          },
          "ledgerIndex": {
            "minimum": 0,
            "type": "integer"
          },
          "mediaType": {
            "type": "string"
          },
          "stored": {
            "format": "date-time",
            "type": "string"
          },
          "storedBy": {
            "type": "string"
          },
          "verification": {
            "description": "What verified on upload: signatures, statements (provenance and SBOM summaries), sbom",
            "type": "object"
          }
        },
        "required": [
          "document",
          "kind",
          "mediaType",
          "stored",
          "ledgerIndex",
          "verification"
        ],
        "type": "object"
      },
      "EvidenceKind": {
        "enum": [
          "signature",
          "bundle",
          "attestation",
          "sbom",
          "scan",
          "source-audit"
        ]
      },
      "EvidenceList": {
        "properties": {
          "evidence": {
            "items": {
              "$ref": "#/components/schemas/Evidence"
            },
            "type": "array"
          },
          "subject": {
            "type": "string"
          }
        },
        "required": [
          "subject",
          "evidence"
        ],
        "type": "object"
      },
      "ExceptionReport": {
        "properties": {
          "exceptions": {
            "items": {
              "properties": {
                "status": {
                  "enum": [
                    "active",
                    "expiring",
                    "expired"
                  ]
                }
              },
              "required": [
                "policy",
                "id",
                "owner",
                "reason",
                "scope",
                "match",
                "expires",
                "status",
                "daysLeft"
              ],
              "type": "object"
            },
            "type": "array"
          },
          "now": {
            "format": "date-time",
            "type": "string"
          },
          "schemaVersion": {
            "const": "tollgate.dev/exceptions/v1"
          }
        },
        "required": [
          "schemaVersion",
          "now",
          "exceptions"
        ],
        "type": "object"
      },
      "Health": {
        "properties": {
          "status": {
            "type": "string"
          }
        },
        "required": [
          "status"
        ],
        "type": "object"
      },
      "IncidentAnswer": {
        "description": "The tollgate.dev/incident/v1 answer of `tollgate incident --format json` (docs/inventory.md)",
        "properties": {
          "schemaVersion": {
            "type": "string"
          },
          "status": {
            "type": "string"
          }
        },
        "required": [
          "schemaVersion",
          "status"
        ],
        "type": "object"
      },
      "InclusionProof": {
        "properties": {
          "leafHash": {
            "type": "string"
          },
          "leafIdx": {
            "type": "integer"
          },
          "proof": {
            "items": {
              "type": "string"
            },
            "type": "array"
          },
          "root": {
            "type": "string"
          },
          "treeSize": {
            "type": "integer"
          }
        },
        "required": [
          "leafIdx",
          "treeSize",
          "leafHash",
          "root",
          "proof"
        ],
        "type": "object"
      },
      "LedgerEntry": {
        "properties": {
          "actor": {
            "type": "string"
          },
          "index": {
            "minimum": 0,
            "type": "integer"
          },
          "kind": {
            "type": "string"
          },
          "leafHash": {
            "type": "string"
          },
          "payload": {
            "type": "string"
          },
          "payloadDigest": {
            "type": "string"
          },
          "schemaVersion": {
            "const": "tollgate.dev/ledger-entry/v1"
          },
          "time": {
            "format": "date-time",
            "type": "string"
          }
        },
        "required": [
          "schemaVersion",
          "index",
          "kind",
          "time",
          "actor",
          "payloadDigest",
          "leafHash"
        ],
        "type": "object"
      },
      "PolicyHistory": {
        "properties": {
          "name": {
            "type": "string"
          },
          "versions": {
            "items": {
              "$ref": "#/components/schemas/PolicyVersion"
            },
            "type": "array"
          }
        },
        "required": [
          "name",
          "versions"
        ],
        "type": "object"
      },
      "PolicyList": {
        "properties": {
          "policies": {
            "items": {
              "$ref": "#/components/schemas/PolicyVersion"
            },
            "type": "array"
          }
        },
        "required": [
          "policies"
        ],
        "type": "object"
      },
      "PolicyVersion": {
        "properties": {
          "digest": {
            "type": "string"
          },
          "ledgerIndex": {
            "minimum": 0,
            "type": "integer"
          },
          "name": {
            "type": "string"
          },
          "published": {
            "format": "date-time",
            "type": "string"
          },
          "publishedBy": {
            "type": "string"
          },
          "version": {
            "minimum": 1,
            "type": "integer"
          }
        },
        "required": [
          "name",
          "version",
          "digest",
          "published",
          "publishedBy",
          "ledgerIndex"
        ],
        "type": "object"
      },
      "ReevaluationReport": {
        "properties": {
          "ledgerIndex": {
            "minimum": 0,
            "type": "integer"
          },
          "run": {
            "properties": {
              "advisoryImport": {
                "format": "date-time",
                "type": "string"
              },
              "advisoryRevision": {
                "type": "integer"
              },
              "artifacts": {
                "items": {
                  "properties": {
                    "decisions": {
                      "additionalProperties": {
                        "enum": [
                          "allow",
                          "warn",
                          "deny"
                        ]
                      },
                      "type": "object"
                    },
                    "digest": {
                      "type": "string"
                    },
                    "environments": {
                      "items": {
                        "type": "string"
                      },
                      "type": "array"
                    },
                    "ledgerIndexes": {
                      "items": {
                        "minimum": 0,
                        "type": "integer"
                      },
                      "type": "array"
                    },
                    "newAdvisories": {
                      "items": {
                        "type": "string"
                      },
                      "type": "array"
                    },
                    "newDenials": {
                      "items": {
                        "type": "string"
                      },
                      "type": "array"
                    }
                  },
                  "required": [
                    "digest",
                    "environments",
                    "decisions",
                    "newDenials",
                    "newAdvisories",
                    "ledgerIndexes"
                  ],
                  "type": "object"
                },
                "type": "array"
              },
              "finished": {
                "format": "date-time",
                "type": "string"
              },
              "problems": {
                "items": {
                  "type": "string"
                },
                "type": "array"
              },
              "requestedBy": {
                "type": "string"
              },
              "schemaVersion": {
                "const": "tollgate.dev/ledger/reevaluation-run/v1"
              },
              "started": {
                "format": "date-time",
                "type": "string"
              },
              "trigger": {
                "enum": [
                  "requested",
                  "advisory-database-changed"
                ]
              },
              "undecided": {
                "items": {
                  "type": "string"
                },
                "type": "array"
              }
            },
            "required": [
              "schemaVersion",
              "trigger",
              "started",
              "finished",
              "artifacts",
              "undecided",
              "problems"
            ],
            "type": "object"
          },
          "schemaVersion": {
            "const": "tollgate.dev/reevaluation/v1"
          }
        },
        "required": [
          "schemaVersion",
          "ledgerIndex",
          "run"
        ],
        "type": "object"
      },
      "RemediationReport": {
        "properties": {
          "items": {
            "items": {
              "properties": {
                "due": {
                  "format": "date-time",
                  "type": "string"
                },
                "exception": {
                  "type": "string"
                },
                "firstSeen": {
                  "format": "date-time",
                  "type": "string"
                },
                "fixedAt": {
                  "format": "date-time",
                  "type": "string"
                },
                "owner": {
                  "type": "string"
                },
                "ownerSource": {
                  "enum": [
                    "exception",
                    "codeowners",
                    "policy",
                    "unassigned"
                  ]
                },
                "status": {
                  "enum": [
                    "open",
                    "overdue",
                    "excepted",
                    "fixed"
                  ]
                }
              },
              "required": [
                "advisory",
                "purl",
                "artifact",
                "environments",
                "severity",
                "status",
                "owner",
                "policies"
              ],
              "type": "object"
            },
            "type": "array"
          },
          "now": {
            "format": "date-time",
            "type": "string"
          },
          "schemaVersion": {
            "const": "tollgate.dev/remediation/v1"
          }
        },
        "required": [
          "schemaVersion",
          "now",
          "items"
        ],
        "type": "object"
      },
      "Role": {
        "enum": [
          "admin",
          "publisher",
          "deployer",
          "auditor",
          "reader"
        ]
      },
      "TokenCreated": {
        "additionalProperties": false,
        "properties": {
          "expires": {
            "format": "date-time",
            "type": [
              "string",
              "null"
            ]
          },
          "id": {
            "type": "string"
          },
          "role": {
            "$ref": "#/components/schemas/Role"
          },
          "token": {
            "type": "string"
          }
        },
        "required": [
          "token",
          "id",
          "role",
          "expires"
        ],
        "type": "object"
      },
      "TokenList": {
        "properties": {
          "schemaVersion": {
            "const": "tollgate.dev/tokens/v1"
          },
          "tokens": {
            "items": {
              "$ref": "#/components/schemas/TokenSummary"
            },
            "type": "array"
          }
        },
        "required": [
          "schemaVersion",
          "tokens"
        ],
        "type": "object"
      },
      "TokenRequest": {
        "additionalProperties": false,
        "properties": {
          "expires": {
            "examples": [
              "90d"
            ],
            "pattern": "^[0-9]+[smhdw]$",
            "type": "string"
          },
          "name": {
            "maxLength": 200,
            "minLength": 1,
            "pattern": "^[^\\s]+$",
            "type": "string"
          },
          "role": {
            "$ref": "#/components/schemas/Role"
          }
        },
        "required": [
          "name",
          "role"
        ],
        "type": "object"
      },
      "TokenSummary": {
        "properties": {
          "created": {
            "format": "date-time",
            "type": "string"
          },
          "createdBy": {
            "type": "string"
          },
          "expires": {
            "format": "date-time",
            "type": "string"
          },
          "id": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "revoked": {
            "format": "date-time",
            "type": "string"
          },
          "role": {
            "$ref": "#/components/schemas/Role"
          },
          "status": {
            "enum": [
              "active",
              "expired",
              "revoked"
            ]
          }
        },
        "required": [
          "id",
          "name",
          "role",
          "created",
          "createdBy",
          "status"
        ],
        "type": "object"
      },
      "Whoami": {
        "properties": {
          "actor": {
            "type": "string"
          },
          "id": {
            "type": "string"
          },
          "kind": {
            "enum": [
              "token",
              "oidc"
            ]
          },
          "name": {
            "type": "string"
          },
          "role": {
            "$ref": "#/components/schemas/Role"
          }
        },
        "required": [
          "kind",
          "name",
          "id",
          "role",
          "actor"
        ],
        "type": "object"
      }
    },
    "securitySchemes": {
      "bearer": {
        "description": "A Tollgate API token (tg_\u2026) or a CI job's OIDC token",
        "scheme": "bearer",
        "type": "http"
      }
    }
  },
  "info": {
    "description": "The shared gate, ledger and inventory (docs/server.md). Errors are {code, message}. x-tollgate-role is the least role each operation needs.",
    "title": "Tollgate server",
    "version": "1"
  },
  "openapi": "3.1.0",
  "paths": {
    "/healthz": {
      "get": {
        "operationId": "health",
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            },
            "description": "OK"
          }
        },
        "security": [],
        "summary": "The process answers",
        "x-tollgate-role": "anonymous"
      }
    },
    "/openapi.json": {
      "get": {
        "operationId": "openapi",
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            },
            "description": "OK"
          }
        },
        "security": [],
        "summary": "This document",
        "x-tollgate-role": "anonymous"
      }
    },
    "/readyz": {
      "get": {
        "operationId": "readiness",
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            },
            "description": "OK"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "security": [],
        "summary": "Stores and trusted root loaded",
        "x-tollgate-role": "anonymous"
      }
    },
    "/v1/admission": {
      "post": {
        "operationId": "admissionReview",
        "requestBody": {
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/AdmissionReview"
              }
            }
          },
          "required": true
        },
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AdmissionReview"
                }
              }
            },
            "description": "The AdmissionReview response: allowed, or denied with status and message"
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Not found"
          },
          "413": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Body over the size limit"
          },
          "415": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Unsupported Content-Type"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "Kubernetes validating admission webhook: every image of a workload, by digest (docs/admission.md)",
        "x-tollgate-role": "deployer"
      }
    },
    "/v1/admission/pin": {
      "post": {
        "operationId": "admissionPin",
        "requestBody": {
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/AdmissionReview"
              }
            }
          },
          "required": true
        },
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AdmissionReview"
                }
              }
            },
            "description": "The AdmissionReview response: allowed, with patchType JSONPatch and patch when a tag was pinned"
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Not found"
          },
          "413": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Body over the size limit"
          },
          "415": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Unsupported Content-Type"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "Optional Kubernetes mutating webhook: pins tag-only images to the digest their recorded tag history resolves to, with an idempotent JSON Patch; never denies (docs/admission.md)",
        "x-tollgate-role": "deployer"
      }
    },
    "/v1/artifacts": {
      "get": {
        "operationId": "listArtifacts",
        "parameters": [
          {
            "in": "query",
            "name": "after",
            "required": false,
            "schema": {
              "examples": [
                "sha256:abababababababababababababababababababababababababababababababab"
              ],
              "pattern": "^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$",
              "type": "string"
            }
          },
          {
            "in": "query",
            "name": "limit",
            "required": false,
            "schema": {
              "maximum": 1000,
              "minimum": 1,
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ArtifactList"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "security": [
          {},
          {
            "bearer": []
          }
        ],
        "summary": "List artifacts (anonymous callers see disclosed ones)",
        "x-tollgate-role": "anonymous if public, else reader"
      },
      "post": {
        "operationId": "registerArtifact",
        "requestBody": {
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ArtifactRegistration"
              }
            }
          },
          "required": true
        },
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Artifact"
                }
              }
            },
            "description": "Already registered with the same identity"
          },
          "201": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Artifact"
                }
              }
            },
            "description": "Registered",
            "links": {
              "getArtifact": {
                "operationId": "getArtifact",
                "parameters": {
                  "digest": "$response.body#/digest"
                }
              },
              "listDecisions": {
                "operationId": "listDecisions",
                "parameters": {
                  "digest": "$response.body#/digest"
                }
              },
              "listEvidence": {
                "operationId": "listEvidence",
                "parameters": {
                  "digest": "$response.body#/digest"
                }
              },
              "setDisclosure": {
                "operationId": "setDisclosure",
                "parameters": {
                  "digest": "$response.body#/digest"
                }
              },
              "uploadEvidence": {
                "operationId": "uploadEvidence",
                "parameters": {
                  "digest": "$response.body#/digest"
                }
              }
            }
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "409": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Conflicts with the stored state"
          },
          "413": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Body over the size limit"
          },
          "415": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Unsupported Content-Type"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "Register an artifact by digest",
        "x-tollgate-role": "publisher"
      }
    },
    "/v1/artifacts/{digest}": {
      "get": {
        "operationId": "getArtifact",
        "parameters": [
          {
            "description": "The artifact's digest",
            "in": "path",
            "name": "digest",
            "required": true,
            "schema": {
              "examples": [
                "sha256:abababababababababababababababababababababababababababababababab"
              ],
              "pattern": "^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$",
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ArtifactDetail"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Not found"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "security": [
          {},
          {
            "bearer": []
          }
        ],
        "summary": "An artifact with its evidence and decisions",
        "x-tollgate-role": "anonymous if public, else reader"
      }
    },
    "/v1/artifacts/{digest}/decisions": {
      "get": {
        "operationId": "listDecisions",
        "parameters": [
          {
            "description": "The artifact's digest",
            "in": "path",
            "name": "digest",
            "required": true,
            "schema": {
              "examples": [
                "sha256:abababababababababababababababababababababababababababababababab"
              ],
              "pattern": "^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$",
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DecisionList"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Not found"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "security": [
          {},
          {
            "bearer": []
          }
        ],
        "summary": "The latest decision of each policy",
        "x-tollgate-role": "anonymous if public, else reader"
      }
    },
    "/v1/artifacts/{digest}/decisions/{policy}": {
      "get": {
        "operationId": "getDecision",
        "parameters": [
          {
            "description": "The artifact's digest",
            "in": "path",
            "name": "digest",
            "required": true,
            "schema": {
              "examples": [
                "sha256:abababababababababababababababababababababababababababababababab"
              ],
              "pattern": "^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$",
              "type": "string"
            }
          },
          {
            "in": "path",
            "name": "policy",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Decision"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Not found"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "security": [
          {},
          {
            "bearer": []
          }
        ],
        "summary": "The whole latest decision of one policy",
        "x-tollgate-role": "anonymous if public, else reader"
      }
    },
    "/v1/artifacts/{digest}/disclosure": {
      "put": {
        "operationId": "setDisclosure",
        "parameters": [
          {
            "description": "The artifact's digest",
            "in": "path",
            "name": "digest",
            "required": true,
            "schema": {
              "examples": [
                "sha256:abababababababababababababababababababababababababababababababab"
              ],
              "pattern": "^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$",
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Disclosure"
              }
            }
          },
          "required": true
        },
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Artifact"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Not found"
          },
          "413": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Body over the size limit"
          },
          "415": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Unsupported Content-Type"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "Disclose an artifact to anonymous readers, or withdraw it",
        "x-tollgate-role": "admin"
      }
    },
    "/v1/artifacts/{digest}/evidence": {
      "get": {
        "operationId": "listEvidence",
        "parameters": [
          {
            "description": "The artifact's digest",
            "in": "path",
            "name": "digest",
            "required": true,
            "schema": {
              "examples": [
                "sha256:abababababababababababababababababababababababababababababababab"
              ],
              "pattern": "^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$",
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EvidenceList"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Not found"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "security": [
          {},
          {
            "bearer": []
          }
        ],
        "summary": "The evidence attached to an artifact",
        "x-tollgate-role": "anonymous if public, else reader"
      },
      "post": {
        "operationId": "uploadEvidence",
        "parameters": [
          {
            "description": "The artifact's digest",
            "in": "path",
            "name": "digest",
            "required": true,
            "schema": {
              "examples": [
                "sha256:abababababababababababababababababababababababababababababababab"
              ],
              "pattern": "^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$",
              "type": "string"
            }
          },
          {
            "in": "query",
            "name": "kind",
            "required": true,
            "schema": {
              "$ref": "#/components/schemas/EvidenceKind"
            }
          }
        ],
        "requestBody": {
          "content": {
            "application/json": {
              "schema": {
                "contentMediaType": "application/octet-stream",
                "type": "string"
              }
            },
            "application/jsonl": {
              "schema": {
                "contentMediaType": "application/octet-stream",
                "type": "string"
              }
            },
            "application/octet-stream": {
              "schema": {
                "contentMediaType": "application/octet-stream",
                "type": "string"
              }
            },
            "application/spdx+json": {
              "schema": {
                "contentMediaType": "application/octet-stream",
                "type": "string"
              }
            },
            "application/vnd.cyclonedx+json": {
              "schema": {
                "contentMediaType": "application/octet-stream",
                "type": "string"
              }
            },
            "application/vnd.cyclonedx+xml": {
              "schema": {
                "contentMediaType": "application/octet-stream",
                "type": "string"
              }
            },
            "application/x-ndjson": {
              "schema": {
                "contentMediaType": "application/octet-stream",
                "type": "string"
              }
            },
            "application/xml": {
              "schema": {
                "contentMediaType": "application/octet-stream",
                "type": "string"
              }
            },
            "text/plain": {
              "schema": {
                "contentMediaType": "application/octet-stream",
                "type": "string"
              }
            },
            "text/spdx": {
              "schema": {
                "contentMediaType": "application/octet-stream",
                "type": "string"
              }
            },
            "text/xml": {
              "schema": {
                "contentMediaType": "application/octet-stream",
                "type": "string"
              }
            }
          },
          "required": true
        },
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Evidence"
                }
              }
            },
            "description": "Already attached"
          },
          "201": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Evidence"
                }
              }
            },
            "description": "Verified, stored and attached"
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Not found"
          },
          "413": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Body over the size limit"
          },
          "415": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Unsupported Content-Type"
          },
          "422": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Refused: evidence did not verify, policy did not parse"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "Upload an evidence document; verified before it is stored",
        "x-tollgate-role": "publisher"
      }
    },
    "/v1/artifacts/{digest}/evidence/{document}": {
      "get": {
        "operationId": "getEvidenceDocument",
        "parameters": [
          {
            "description": "The artifact's digest",
            "in": "path",
            "name": "digest",
            "required": true,
            "schema": {
              "examples": [
                "sha256:abababababababababababababababababababababababababababababababab"
              ],
              "pattern": "^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$",
              "type": "string"
            }
          },
          {
            "in": "path",
            "name": "document",
            "required": true,
            "schema": {
              "examples": [
                "sha256:abababababababababababababababababababababababababababababababab"
              ],
              "pattern": "^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$",
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "*/*": {
                "schema": {
                  "contentMediaType": "application/octet-stream",
                  "type": "string"
                }
              }
            },
            "description": "The document"
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Not found"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "An attached document, as uploaded",
        "x-tollgate-role": "reader"
      }
    },
    "/v1/decisions": {
      "post": {
        "operationId": "decide",
        "requestBody": {
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/DecisionRequest"
              }
            }
          },
          "required": true
        },
        "responses": {
          "201": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Decision"
                }
              }
            },
            "description": "Evaluated and recorded"
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Not found"
          },
          "413": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Body over the size limit"
          },
          "415": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Unsupported Content-Type"
          },
          "422": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Refused: evidence did not verify, policy did not parse"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "Evaluate a published policy for an artifact and record the decision",
        "x-tollgate-role": "publisher"
      }
    },
    "/v1/deployments": {
      "post": {
        "operationId": "recordDeployments",
        "requestBody": {
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/DeploymentRequest"
              }
            },
            "application/jsonl": {
              "schema": {
                "type": "string"
              }
            },
            "application/x-ndjson": {
              "schema": {
                "type": "string"
              }
            }
          },
          "required": true
        },
        "responses": {
          "201": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DeployReport"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "413": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Body over the size limit"
          },
          "415": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Unsupported Content-Type"
          },
          "422": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Refused: evidence did not verify, policy did not parse"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "Record what runs (or stopped) where",
        "x-tollgate-role": "deployer"
      }
    },
    "/v1/exceptions": {
      "get": {
        "operationId": "listExceptions",
        "parameters": [
          {
            "in": "query",
            "name": "expiring",
            "required": false,
            "schema": {
              "pattern": "^[0-9]+[smhdw]$",
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ExceptionReport"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "Exceptions of the newest policy versions",
        "x-tollgate-role": "reader"
      }
    },
    "/v1/incidents": {
      "get": {
        "operationId": "answerIncident",
        "parameters": [
          {
            "in": "query",
            "name": "component",
            "required": false,
            "schema": {
              "minLength": 1,
              "type": "string"
            }
          },
          {
            "in": "query",
            "name": "versions",
            "required": false,
            "schema": {
              "minLength": 1,
              "type": "string"
            }
          },
          {
            "in": "query",
            "name": "advisory",
            "required": false,
            "schema": {
              "minLength": 1,
              "type": "string"
            }
          },
          {
            "in": "query",
            "name": "builder",
            "required": false,
            "schema": {
              "minLength": 1,
              "type": "string"
            }
          },
          {
            "in": "query",
            "name": "workflow",
            "required": false,
            "schema": {
              "minLength": 1,
              "type": "string"
            }
          },
          {
            "in": "query",
            "name": "repository",
            "required": false,
            "schema": {
              "minLength": 1,
              "type": "string"
            }
          },
          {
            "in": "query",
            "name": "artifact",
            "required": false,
            "schema": {
              "minLength": 1,
              "type": "string"
            }
          },
          {
            "in": "query",
            "name": "policy",
            "required": false,
            "schema": {
              "minLength": 1,
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/IncidentAnswer"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Not found"
          },
          "422": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Refused: evidence did not verify, policy did not parse"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "Which artifacts are affected, where they run, what to block and rebuild",
        "x-tollgate-role": "auditor"
      }
    },
    "/v1/ledger/checkpoint": {
      "get": {
        "operationId": "getCheckpoint",
        "responses": {
          "200": {
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            },
            "description": "A signed note"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "security": [],
        "summary": "The newest signed checkpoint (C2SP tlog-checkpoint)",
        "x-tollgate-role": "anonymous"
      }
    },
    "/v1/ledger/entries/{index}": {
      "get": {
        "operationId": "getEntry",
        "parameters": [
          {
            "in": "path",
            "name": "index",
            "required": true,
            "schema": {
              "minimum": 0,
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/LedgerEntry"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Not found"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "security": [
          {},
          {
            "bearer": []
          }
        ],
        "summary": "One entry (public entries only, else auditor)",
        "x-tollgate-role": "anonymous if public, else auditor"
      }
    },
    "/v1/ledger/proofs/consistency": {
      "get": {
        "operationId": "proveConsistency",
        "parameters": [
          {
            "in": "query",
            "name": "from",
            "required": true,
            "schema": {
              "minimum": 0,
              "type": "integer"
            }
          },
          {
            "in": "query",
            "name": "to",
            "required": false,
            "schema": {
              "minimum": 0,
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ConsistencyProof"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Not found"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "RFC 9162 consistency proof",
        "x-tollgate-role": "auditor"
      }
    },
    "/v1/ledger/proofs/inclusion": {
      "get": {
        "operationId": "proveInclusion",
        "parameters": [
          {
            "in": "query",
            "name": "index",
            "required": true,
            "schema": {
              "minimum": 0,
              "type": "integer"
            }
          },
          {
            "in": "query",
            "name": "size",
            "required": false,
            "schema": {
              "minimum": 1,
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/InclusionProof"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Not found"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "RFC 9162 inclusion proof",
        "x-tollgate-role": "auditor"
      }
    },
    "/v1/ledger/tile/{tile}": {
      "get": {
        "operationId": "getTile",
        "parameters": [
          {
            "in": "path",
            "name": "tile",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/octet-stream": {
                "schema": {
                  "contentMediaType": "application/octet-stream",
                  "type": "string"
                }
              }
            },
            "description": "Tile bytes, immutable"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Not found"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "security": [
          {},
          {
            "bearer": []
          }
        ],
        "summary": "A C2SP tlog-tiles hash tile (public) or entry bundle (public entries only, else auditor); {tile} is the rest of the path, e.g. 0/x001/234.p/5 or entries/000",
        "x-tollgate-role": "anonymous if public, else auditor"
      }
    },
    "/v1/policies": {
      "get": {
        "operationId": "listPolicies",
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PolicyList"
                }
              }
            },
            "description": "OK"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "The newest version of each policy",
        "x-tollgate-role": "reader"
      }
    },
    "/v1/policies/{name}": {
      "get": {
        "operationId": "getPolicy",
        "parameters": [
          {
            "in": "path",
            "name": "name",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PolicyHistory"
                }
              }
            },
            "description": "OK"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Not found"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "Every version of a policy",
        "x-tollgate-role": "reader"
      },
      "put": {
        "operationId": "publishPolicy",
        "parameters": [
          {
            "in": "path",
            "name": "name",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "content": {
            "application/x-yaml": {
              "schema": {
                "type": "string"
              }
            },
            "application/yaml": {
              "schema": {
                "type": "string"
              }
            },
            "text/plain": {
              "schema": {
                "type": "string"
              }
            },
            "text/x-yaml": {
              "schema": {
                "type": "string"
              }
            },
            "text/yaml": {
              "schema": {
                "type": "string"
              }
            }
          },
          "required": true
        },
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PolicyVersion"
                }
              }
            },
            "description": "Same as the newest version"
          },
          "201": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PolicyVersion"
                }
              }
            },
            "description": "Published",
            "links": {
              "getPolicy": {
                "operationId": "getPolicy",
                "parameters": {
                  "name": "$response.body#/name"
                }
              },
              "getPolicyVersion": {
                "operationId": "getPolicyVersion",
                "parameters": {
                  "name": "$response.body#/name",
                  "version": "$response.body#/version"
                }
              }
            }
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "413": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Body over the size limit"
          },
          "415": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Unsupported Content-Type"
          },
          "422": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Refused: evidence did not verify, policy did not parse"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "Publish a new version of a policy (YAML)",
        "x-tollgate-role": "admin"
      }
    },
    "/v1/policies/{name}/versions/{version}": {
      "get": {
        "operationId": "getPolicyVersion",
        "parameters": [
          {
            "in": "path",
            "name": "name",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "in": "path",
            "name": "version",
            "required": true,
            "schema": {
              "minimum": 1,
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/yaml": {
                "schema": {
                  "type": "string"
                }
              }
            },
            "description": "The policy document"
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Not found"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "One version's document",
        "x-tollgate-role": "reader"
      }
    },
    "/v1/reevaluations": {
      "post": {
        "operationId": "runReevaluation",
        "responses": {
          "201": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ReevaluationReport"
                }
              }
            },
            "description": "The run, recorded"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "Decide every running artifact again now, as a changed advisory database does; records a reevaluation.run entry",
        "x-tollgate-role": "publisher"
      }
    },
    "/v1/remediation": {
      "get": {
        "operationId": "listRemediation",
        "parameters": [
          {
            "in": "query",
            "name": "status",
            "required": false,
            "schema": {
              "enum": [
                "open",
                "overdue",
                "excepted",
                "fixed"
              ]
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RemediationReport"
                }
              }
            },
            "description": "OK"
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "Remediation items: each finding of a running artifact with its SLO due date",
        "x-tollgate-role": "reader"
      }
    },
    "/v1/tokens": {
      "get": {
        "operationId": "listTokens",
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TokenList"
                }
              }
            },
            "description": "OK"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "Every API token (never a token or hash)",
        "x-tollgate-role": "admin"
      },
      "post": {
        "operationId": "createToken",
        "requestBody": {
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/TokenRequest"
              }
            }
          },
          "required": true
        },
        "responses": {
          "201": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TokenCreated"
                }
              }
            },
            "description": "OK",
            "links": {
              "revokeToken": {
                "operationId": "revokeToken",
                "parameters": {
                  "id": "$response.body#/id"
                }
              }
            }
          },
          "400": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Malformed request"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "409": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Conflicts with the stored state"
          },
          "413": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Body over the size limit"
          },
          "415": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Unsupported Content-Type"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "Create an API token; the response is the only place it appears",
        "x-tollgate-role": "admin"
      }
    },
    "/v1/tokens/{id}": {
      "delete": {
        "operationId": "revokeToken",
        "parameters": [
          {
            "in": "path",
            "name": "id",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TokenSummary"
                }
              }
            },
            "description": "OK"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "404": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Not found"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "Revoke an API token",
        "x-tollgate-role": "admin"
      }
    },
    "/v1/whoami": {
      "get": {
        "operationId": "whoami",
        "responses": {
          "200": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Whoami"
                }
              }
            },
            "description": "OK"
          },
          "401": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "No or invalid credentials"
          },
          "403": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Role does not grant this endpoint"
          },
          "429": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Rate limit exceeded"
          },
          "503": {
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Error"
                }
              }
            },
            "description": "Starting, store unavailable, or request time limit"
          }
        },
        "summary": "The caller's principal and role",
        "x-tollgate-role": "reader"
      }
    }
  },
  "security": [
    {
      "bearer": []
    }
  ],
  "servers": [
    {
      "url": "http://127.0.0.1:8080"
    }
  ]
}

"""#
}
