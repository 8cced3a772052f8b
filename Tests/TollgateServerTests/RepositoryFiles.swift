import Foundation

/// Files of the repository the tests compare with (docs, binaries built by `swift build`).
enum RepositoryFiles {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    static func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: root.appendingPathComponent(path)), as: UTF8.self)
    }

    static var tollgate: URL { root.appendingPathComponent(".build/debug/tollgate") }
    static var server: URL { root.appendingPathComponent(".build/debug/tollgate-server") }

    /// The endpoint → role table of docs/server.md: (method, path, role text).
    static func roleTable() throws -> [(method: String, path: String, role: String)] {
        var rows: [(String, String, String)] = []
        var inTable = false
        for line in try text("docs/server.md").split(separator: "\n") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if cells == ["method", "path", "least role"] { inTable = true; continue }
            guard inTable else { continue }
            guard line.hasPrefix("|") else { break }
            guard cells.count == 3, !cells[0].hasPrefix("-") else { continue }
            rows.append((cells[0], cells[1], cells[2]))
        }
        return rows
    }
}
