import ArgumentParser

/// `tollgate admission …`: the Kubernetes admission webhook's offline tools (docs/admission.md).
struct AdmissionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admission",
        abstract: "Kubernetes admission: evaluate an AdmissionReview offline, create the webhook's serving certificate.",
        subcommands: [AdmissionTestCommand.self, AdmissionCertsCommand.self]
    )
}
