import Foundation
import TollgateModel

/// The shared AdmissionReview samples (Fixtures/README.md says how each must behave).
enum AdmissionFixtures {
    static let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(name)))
    }

    static func json(_ name: String) throws -> JSONValue {
        try JSONValue.parse(try bytes(name))
    }

    /// A sample with its request changed by `edit` (for variants of a real request).
    static func edited(_ name: String, _ edit: (inout [String: JSONValue]) -> Void) throws -> [UInt8] {
        guard case .object(var review) = try json(name), case .object(var request)? = review["request"] else {
            throw ModelError(.invalidJSON, "\(name) is not an AdmissionReview")
        }
        edit(&request)
        review["request"] = .object(request)
        return JSONValue.object(review).encodedBytes()
    }
}
