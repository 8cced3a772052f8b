/// Every endpoint of the server, in the order docs/server.md lists them.
enum APIRoutes {
    static var all: [APIRoute] {
        HealthRoutes.routes + ArtifactRoutes.routes + EvidenceRoutes.routes + DecisionRoutes.routes + PolicyRoutes.routes
            + ExceptionRoutes.routes + RemediationRoutes.routes + ReevaluationRoutes.routes + InventoryRoutes.routes + LedgerRoutes.routes + TokenRoutes.routes + AdmissionRoutes.routes
    }
}
