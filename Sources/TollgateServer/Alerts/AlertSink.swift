import Foundation
import TollgateModel

/// Where alerts go: a generic JSON webhook (the `Alert` object as JSON) or a Slack-compatible
/// incoming webhook (`{"text": …}`). Every alert is also recorded in the ledger (`AlertDispatcher`),
/// which is the fallback when no sink is configured or every delivery fails.
public struct AlertSink: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable {
        case webhook
        case slack
    }

    public let format: Format
    public let url: String

    public init(format: Format, url: String) {
        self.format = format
        self.url = url
    }

    /// The request body for `alert`.
    func body(_ alert: Alert) throws -> [UInt8] {
        switch format {
        case .webhook:
            return Array(try JSONOutput.encode(alert))
        case .slack:
            var text = "*Tollgate: \(alert.kind)* `\(alert.subject)`\n\(alert.summary)"
            for key in alert.details.keys.sorted() { text += "\n• \(key): \(alert.details[key] ?? "")" }
            return JSONValue.object(["text": .string(text)]).encodedBytes()
        }
    }

    /// The sink as logs and the ledger name it: its format and host, never its path (Slack webhook
    /// paths are secrets).
    var label: String {
        "\(format.rawValue):\(URL(string: url)?.host ?? "invalid")"
    }

    /// The sink's key in the alert outbox: its label and the first 8 hex digits of the URL's SHA-256,
    /// so two webhooks on one host stay apart and a restart with the same configuration finds its
    /// pending deliveries; the URL itself is never stored.
    var key: String {
        "\(label)#\(DigestAlgorithm.sha256.hash(Array(url.utf8)).hex.prefix(8))"
    }

    /// The outbox key of the ledger fallback: every alert is also appended to the ledger.
    static let ledgerKey = "ledger"
}
