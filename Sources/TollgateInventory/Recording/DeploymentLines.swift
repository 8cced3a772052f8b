import Foundation
import TollgateModel
import TollgateSBOM

/// `tollgate deploy import FILE.jsonl`: one JSON object per line with the flags' names
/// (`environment`, `cluster`, `namespace`, `service`, `image`, `digest`, `stopped`, and `time`, an
/// RFC 3339 instant for a past deployment). Every line is checked before anything is recorded; the
/// errors name their line numbers.
public enum DeploymentLines {
    /// The longest line read.
    public static let maxLineBytes = 64 << 10
    /// The most lines in one file.
    public static let maxLines = 1_000_000
    /// Line errors listed in the message (all are counted).
    static let listedErrors = 20

    static let fields: Set<String> = ["environment", "cluster", "namespace", "service", "image", "digest", "stopped", "time"]

    public static func parse(_ data: Data, file: String) throws(InventoryError) -> [DeploymentResolver.Request] {
        var requests: [DeploymentResolver.Request] = []
        var errors: [String] = []
        var errorCount = 0
        var number = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard requests.count + errorCount < maxLines else {
                throw InventoryError(.tooLarge, "\(file) has more than \(maxLines) deployments")
            }
            do throws(InventoryError) {
                requests.append(try request(line, number: number))
            } catch {
                errorCount += 1
                if errors.count < listedErrors { errors.append(error.reason) }
            }
        }
        guard errorCount == 0 else {
            let more = errorCount > errors.count ? "; and \(errorCount - errors.count) more" : ""
            throw InventoryError(.invalidDeployment, "\(file): \(errorCount) of \(number) lines are not deployments, nothing was recorded: \(errors.joined(separator: "; "))\(more)")
        }
        guard !requests.isEmpty else { throw InventoryError(.invalidDeployment, "\(file) holds no deployment") }
        return requests
    }

    static func request(_ line: Data.SubSequence, number: Int) throws(InventoryError) -> DeploymentResolver.Request {
        func fail(_ message: String) -> InventoryError { InventoryError(.invalidDeployment, "line \(number): \(message)") }
        guard line.count <= maxLineBytes else { throw fail("over the \(maxLineBytes)-byte line limit") }
        let value: JSONValue
        do {
            value = try JSONValue.parse(line)
        } catch {
            throw fail("not JSON (\(error.reason))")
        }
        guard case .object(let object) = value else { throw fail("expected a JSON object {\"environment\": …, \"image\": …}") }
        if let unknown = object.keys.sorted().first(where: { !fields.contains($0) }) {
            throw fail("unknown field '\(unknown.prefix(64))'; the fields are \(fields.sorted().joined(separator: ", "))")
        }
        func string(_ key: String, required: Bool = false) throws(InventoryError) -> String? {
            guard let field = object[key], !field.isNull else {
                if required { throw fail("\"\(key)\" is required") }
                return nil
            }
            guard let text = field.stringValue, !text.isEmpty else { throw fail("\"\(key)\" must be a non-empty string") }
            return text
        }
        var stopped = false
        if let field = object["stopped"], !field.isNull {
            guard let flag = field.boolValue else { throw fail("\"stopped\" must be true or false") }
            stopped = flag
        }
        var time: Date?
        if let text = try string("time") {
            guard let parsed = ISO8601.parse(text) else { throw fail("\"time\" must be an RFC 3339 instant such as 2026-12-01T10:00:00Z") }
            time = parsed
        }
        guard let environment = try string("environment", required: true), let image = try string("image", required: true) else {
            throw fail("\"environment\" and \"image\" are required")
        }
        if let digest = try string("digest"), (try? Digest(parsing: digest)) == nil {
            throw fail("\"digest\" must be ALGORITHM:HEX such as sha256:…")
        }
        if (try? ImageReference(parsing: image)) == nil { throw fail("\"image\" is not an image or package reference") }
        return DeploymentResolver.Request(environment: environment, cluster: try string("cluster"), namespace: try string("namespace"),
                                          service: try string("service"), image: image, digest: try string("digest"),
                                          stopped: stopped, time: time)
    }
}
