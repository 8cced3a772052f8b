import ArgumentParser
import Foundation
import TollgateInventory
import TollgateLedger
import TollgateModel

/// `tollgate ledger append`: one entry from flags, or `-`/FILE with JSON lines
/// `{"kind": K, "payload": {...}}` (bulk loads). Each entry is printed once it is durable:
/// `INDEX LEAFHASH` per line, or a JSON report at the end. Entries of the kinds the inventory
/// indexes (deployments, tag observations, …) are indexed after their append, as every write is.
struct LedgerAppendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "append", abstract: "Append entries (acknowledged when durable).")

    @OptionGroup var dataOptions: LedgerDataOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "'-' or a file of JSON lines {\"kind\": K, \"payload\": {...}}; omit to use --kind/--payload.")
    var source: String?

    @Option(help: "Entry kind (\(LedgerEntryKind.allCases.map(\.rawValue).joined(separator: ", "))).")
    var kind: String?

    @Option(help: "The JSON payload.")
    var payload: String?

    @Option(help: "Who appends (default: cli:$USER).")
    var actor: String?

    /// The longest accepted JSON line.
    static let maxLine = 1 << 20
    /// Appends in flight at once; the ledger group-commits them.
    static let window = 4096

    struct Report: Encodable {
        let schemaVersion = "tollgate.dev/ledger-append/v1"
        let receipts: [Receipt]
        struct Receipt: Encodable {
            let index: UInt64
            let leafHash: String
        }
    }

    func run() async throws {
        let actorName = actor ?? "cli:\(ProcessInfo.processInfo.environment["USER"] ?? "unknown")"
        let (ledger, _) = try await dataOptions.openLedger()
        let inventory = AppendIndexing(ledger: ledger, data: dataOptions, actor: actorName)
        let json = output.isJSON
        try await output.emit { out in
            guard let source else {
                guard let kind, let payload else {
                    throw CLIError(.usage, "give '-' or a file of JSON lines, or both --kind and --payload")
                }
                let entry = try Self.entry(kind: kind, payloadJSON: Data(payload.utf8), actor: actorName)
                let receipt = try await ledger.append(entry)
                try await inventory.index(entry, receipt)
                try Self.print([receipt], json: json, to: out)
                return
            }
            guard kind == nil, payload == nil else { throw CLIError(.usage, "--kind/--payload cannot be combined with an input file") }
            let lines = try Self.lines(from: source)
            let receipts = try await withThrowingTaskGroup(of: LedgerReceipt.self) { group in
                var collected: [LedgerReceipt] = []
                var inFlight = 0
                var number = 0
                for await line in lines {
                    number += 1
                    guard !line.allSatisfy(\.isWhitespace) else { continue }
                    let entry = try Self.entry(line: line, number: number, actor: actorName)
                    group.addTask {
                        let receipt = try await ledger.append(entry)
                        try await inventory.index(entry, receipt)
                        if !json { try Self.print([receipt], json: false, to: out) }
                        return receipt
                    }
                    inFlight += 1
                    if inFlight >= Self.window, let receipt = try await group.next() {
                        inFlight -= 1
                        if json { collected.append(receipt) }
                    }
                }
                for try await receipt in group where json { collected.append(receipt) }
                return collected
            }
            if json { try Self.print(receipts.sorted { $0.index < $1.index }, json: true, to: out) }
        }
    }

    private static func print(_ receipts: [LedgerReceipt], json: Bool, to out: ReportOutput) throws {
        if json {
            try out.json(Report(receipts: receipts.map { .init(index: $0.index, leafHash: Hex.encode($0.leafHash)) }))
        } else {
            for receipt in receipts { out.line("\(receipt.index) \(Hex.encode(receipt.leafHash))") }
        }
    }

    /// Lines of `source`, read on a separate thread so a slow pipe never blocks the appends.
    static func lines(from source: String) throws -> AsyncStream<String> {
        // Own a descriptor before returning: the reader thread outlives this call.
        let descriptor: Int32 = source == "-" ? dup(STDIN_FILENO) : open(source, O_RDONLY)
        guard descriptor >= 0 else {
            throw CLIError(.unreadable, "cannot read '\(source)': \(String(cString: strerror(errno)))")
        }
        return AsyncStream(bufferingPolicy: .unbounded) { continuation in
            let thread = Thread {
                guard let stream = fdopen(descriptor, "r") else {
                    close(descriptor)
                    continuation.finish()
                    return
                }
                var buffer: UnsafeMutablePointer<CChar>? = nil
                var capacity = 0
                while true {
                    let count = getline(&buffer, &capacity, stream)
                    guard count > 0, let buffer else { break }
                    var line = String(cString: buffer)
                    if line.hasSuffix("\n") { line.removeLast() }
                    continuation.yield(line)
                }
                free(buffer)
                fclose(stream)
                continuation.finish()
            }
            thread.start()
        }
    }

    static func entry(line: String, number: Int, actor: String) throws -> LedgerEntryDraft {
        guard line.utf8.count <= maxLine else {
            throw CLIError(.unreadable, "line \(number) is longer than \(maxLine) bytes")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
            throw CLIError(.unreadable, "line \(number) is not a JSON object {\"kind\": K, \"payload\": {...}}")
        }
        guard let kind = object["kind"] as? String, let payload = object["payload"] else {
            throw CLIError(.unreadable, "line \(number) needs \"kind\" (a string) and \"payload\"")
        }
        let payloadData = try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        return try entry(kind: kind, payloadJSON: payloadData, actor: (object["actor"] as? String) ?? actor, canonical: true)
    }

    /// Builds an entry; the payload is re-serialized with sorted keys so equal JSON gives equal digests.
    static func entry(kind: String, payloadJSON: Data, actor: String, canonical: Bool = false) throws -> LedgerEntryDraft {
        guard let entryKind = LedgerEntryKind(rawValue: kind) else {
            throw CLIError(.usage, "unknown kind '\(kind.prefix(64))'; expected one of \(LedgerEntryKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var payload = payloadJSON
        if !canonical {
            guard let object = try? JSONSerialization.jsonObject(with: payloadJSON, options: [.fragmentsAllowed]) else {
                throw CLIError(.unreadable, "the payload is not JSON")
            }
            payload = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        }
        return try LedgerEntryDraft(kind: entryKind, actor: actor, payload: payload)
    }
}
