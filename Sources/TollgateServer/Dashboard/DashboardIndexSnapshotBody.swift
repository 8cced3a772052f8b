import Foundation

/// The body of a dashboard index snapshot: JSON in parts, one a line, so that both cores encode and
/// decode it (one JSON document of 51 MB took 2–4 s to decode on one core, most of a start-up with a
/// snapshot) and no encoder holds the whole index as a tree at once. A line starts with its kind:
/// `R` the snapshot without its artifacts and decisions, then `A` parts of the artifacts and `D`
/// parts of the decisions, each a JSON array of at most `partSize`, in order.
enum DashboardIndexSnapshotBody {
    static let partSize = 10_000

    private enum Part: Sendable {
        case rest(DashboardIndexSnapshot)
        case artifacts([DashboardIndex.Artifact])
        case decisions([DashboardIndex.DecisionSummary])
    }

    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    static func encode(_ snapshot: DashboardIndexSnapshot, partSize: Int = partSize) async throws -> Data {
        var rest = snapshot
        rest.artifacts = []
        rest.decisions = []
        var parts: [Part] = [.rest(rest)]
        for start in stride(from: 0, to: snapshot.artifacts.count, by: partSize) {
            parts.append(.artifacts(Array(snapshot.artifacts[start..<min(snapshot.artifacts.count, start + partSize)])))
        }
        for start in stride(from: 0, to: snapshot.decisions.count, by: partSize) {
            parts.append(.decisions(Array(snapshot.decisions[start..<min(snapshot.decisions.count, start + partSize)])))
        }
        let lines = try await withThrowingTaskGroup(of: (Int, Data).self) { group in
            for (position, part) in parts.enumerated() {
                group.addTask {
                    let encoder = JSONEncoder()
                    switch part {
                    case .rest(let value): return (position, Data("R".utf8) + (try encoder.encode(value)))
                    case .artifacts(let value): return (position, Data("A".utf8) + (try encoder.encode(value)))
                    case .decisions(let value): return (position, Data("D".utf8) + (try encoder.encode(value)))
                    }
                }
            }
            var lines = [Data](repeating: Data(), count: parts.count)
            for try await (position, line) in group { lines[position] = line }
            return lines
        }
        return Data(lines.joined(separator: [0x0A]))
    }

    static func decode(_ body: Data) async throws -> DashboardIndexSnapshot {
        // JSON escapes a newline inside a string, so every newline ends a part. (`memchr`, not
        // `Data.split`, which took a fifth of taking the snapshot.)
        var lines: [Data] = []
        body.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress else { return lines.append(Data()) }
            var start = 0
            while true {
                let end = memchr(base + start, 0x0A, raw.count - start).map { UnsafeRawPointer($0) - base } ?? raw.count
                lines.append(Data(raw[start..<end]))
                guard end < raw.count else { break }
                start = end + 1
            }
        }
        guard lines.first?.first == UInt8(ascii: "R") else { throw Malformed(description: "the body does not start with its R part") }
        let parts = try await withThrowingTaskGroup(of: (Int, Part).self) { group in
            for (position, line) in lines.enumerated() {
                let json = line.dropFirst()
                let kind = line.first
                group.addTask {
                    let decoder = JSONDecoder()
                    switch kind {
                    case UInt8(ascii: "R"): return (position, .rest(try decoder.decode(DashboardIndexSnapshot.self, from: json)))
                    case UInt8(ascii: "A"): return (position, .artifacts(try decoder.decode([DashboardIndex.Artifact].self, from: json)))
                    case UInt8(ascii: "D"): return (position, .decisions(try decoder.decode([DashboardIndex.DecisionSummary].self, from: json)))
                    default: throw Malformed(description: "part \(position + 1) has no known kind")
                    }
                }
            }
            var parts = [Part?](repeating: nil, count: lines.count)
            for try await (position, part) in group { parts[position] = part }
            return parts.compactMap { $0 }
        }
        guard case .rest(var snapshot)? = parts.first else { throw Malformed(description: "the body does not start with its R part") }
        for part in parts.dropFirst() {
            switch part {
            case .rest: throw Malformed(description: "the body has a second R part")
            case .artifacts(let artifacts): snapshot.artifacts += artifacts
            case .decisions(let decisions): snapshot.decisions += decisions
            }
        }
        return snapshot
    }
}
