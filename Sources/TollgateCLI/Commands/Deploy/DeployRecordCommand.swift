import ArgumentParser
import Foundation
import TollgateInventory
import TollgateModel

/// `tollgate deploy record --environment E [--cluster C] [--namespace N] [--service S] --image REF [--digest D] [--stopped]`.
struct DeployRecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record one deployment: what image runs (or stopped) where.",
        discussion: """
        The digest comes from the reference (app@sha256:…) or --digest; a tag reference without one is resolved only \
        through recorded tag observations (the latest at or before now), and the report says so. An unresolvable \
        reference is recorded without a digest, with a warning. A tag given with --digest is recorded as a tag observation.
        """
    )

    @Option(help: "The environment (production, staging, …).")
    var environment: String

    @Option(help: "The cluster.")
    var cluster: String?

    @Option(help: "The namespace.")
    var namespace: String?

    @Option(help: "The service (workload) name.")
    var service: String?

    @Option(help: "The image or package reference deployed (registry/app:1.2, registry/app@sha256:…, pkg:npm/x@1.0.0).")
    var image: String

    @Option(help: "The digest deployed, when the reference does not name it.")
    var digest: String?

    @Flag(help: "The service was stopped (removed): nothing runs in this slot any more.")
    var stopped = false

    @OptionGroup var state: GateStateOptions
    @OptionGroup var remote: ServerOptions
    @OptionGroup var output: OutputOptions

    var request: DeploymentResolver.Request {
        DeploymentResolver.Request(environment: environment, cluster: cluster, namespace: namespace, service: service,
                                   image: image, digest: digest, stopped: stopped)
    }

    func validate() throws {
        do {
            let reference = try ImageReference(parsing: image)
            if let digest {
                let given = try Digest(parsing: digest)
                if let named = reference.digest, named != given {
                    throw ValidationError("--image names \(named) but --digest is \(given)")
                }
            }
        } catch let error as any TollgateError {
            throw ValidationError(error.reason)
        }
        for (flag, value) in [("--environment", environment as String?), ("--cluster", cluster), ("--namespace", namespace), ("--service", service)] {
            if let value, value.isEmpty || value.utf8.count > 256 { throw ValidationError("\(flag) is 1 to 256 characters") }
        }
    }

    func run() async throws {
        try await output.emit { out in
            if remote.url != nil {
                // Recorded by the server (POST /v1/deployments), the principal its actor.
                var fields: [String: JSONValue] = ["environment": .string(environment), "image": .string(image), "stopped": .bool(stopped)]
                for (key, value) in [("cluster", cluster), ("namespace", namespace), ("service", service), ("digest", digest)] {
                    if let value { fields[key] = .string(value) }
                }
                let report = try await remote.withClient { client in
                    try client.decode(DeploymentRecording.Report.self,
                                      try await client.send(.POST, "/v1/deployments", body: JSONValue.object(fields).encodedBytes()))
                }
                try DeploymentPrinter.print(report, json: output.isJSON, to: out)
                return
            }
            let recorder = try await state.recorder()
            try DeploymentPrinter.print(try await DeploymentRecording.record([request], with: recorder), json: output.isJSON, to: out)
        }
    }
}
