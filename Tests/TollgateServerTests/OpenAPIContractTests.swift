import Foundation
import Testing
import TollgateModel
@testable import TollgateServer

@Suite("OpenAPI contract")
struct OpenAPIContractTests {
    static func document() throws -> JSONValue {
        try JSONValue.parse(Array(OpenAPIDocument.json.utf8))
    }

    @Test("the document is OpenAPI 3.1 and lists exactly the server's routes, with their roles")
    func routesAndDocumentAgree() throws {
        let document = try Self.document()
        #expect(document["openapi"]?.stringValue == "3.1.0")
        guard let paths = document["paths"]?.objectValue else {
            Issue.record("the document has no paths")
            return
        }
        var documented: Set<String> = []
        for (path, item) in paths {
            for (method, operation) in item.objectValue ?? [:] {
                documented.insert("\(method.uppercased()) \(path)")
                let route = APIRoutes.all.first { $0.method.rawValue == method.uppercased() && $0.path.replacingOccurrences(of: "...}", with: "}") == path }
                #expect(route != nil, "the document has \(method.uppercased()) \(path), the server does not")
                #expect(operation["x-tollgate-role"]?.stringValue == route?.access.description, "\(method.uppercased()) \(path): role")
                #expect(operation["operationId"]?.stringValue == route?.operation, "\(method.uppercased()) \(path): operationId")
                // Every path parameter of the template is declared.
                let declared = Set((operation["parameters"]?.arrayValue ?? []).filter { $0["in"]?.stringValue == "path" }.compactMap { $0["name"]?.stringValue })
                let inTemplate = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
                #expect(declared == inTemplate, "\(method.uppercased()) \(path): path parameters \(declared.sorted()) vs \(inTemplate.sorted())")
            }
        }
        let served = Set(APIRoutes.all.map { "\($0.method.rawValue) \($0.path.replacingOccurrences(of: "...}", with: "}"))" })
        #expect(documented == served, "only in the document: \(documented.subtracting(served).sorted()); only served: \(served.subtracting(documented).sorted())")
    }

    @Test("every $ref resolves and every error response uses the Error schema")
    func referencesResolve() throws {
        let document = try Self.document()
        let schemas = document["components"]?["schemas"]?.objectValue ?? [:]
        func walk(_ value: JSONValue, _ at: String) {
            switch value {
            case .object(let object):
                if let target = object["$ref"]?.stringValue {
                    let name = String(target.dropFirst("#/components/schemas/".count))
                    #expect(target.hasPrefix("#/components/schemas/") && schemas[name] != nil, "\(at): unresolved \(target)")
                }
                for (key, child) in object { walk(child, at + "/" + key) }
            case .array(let array):
                for (index, child) in array.enumerated() { walk(child, "\(at)/\(index)") }
            default:
                break
            }
        }
        walk(document, "")
    }

    @Test("docs/openapi.json is the document the server serves")
    func docsCopyMatches() throws {
        #expect(try RepositoryFiles.text("docs/openapi.json") == OpenAPIDocument.json,
                "regenerate both with `python3 scripts/openapi.py`")
    }

    @Test("the server serves the document at /openapi.json")
    func servedDocument() async throws {
        let server = try await TestServer.start()
        let reply = try await server.request(.GET, "/openapi.json")
        try await server.stop()
        #expect(reply.status == 200)
        #expect(reply.text == OpenAPIDocument.json)
    }
}
