import Foundation
import TollgateModel
import TollgateOCI
import TollgateStore

/// What `verify IMAGE_REF` resolved: the digest decided on, the index it came through, and
/// earlier observations of the same tag that named another digest (a moved tag).
struct ImageResolution: Sendable {
    let reference: TollgateOCI.ImageReference
    let digest: Digest
    let index: Digest?
    /// The `registry/repo:tag` the tag observation is recorded under, when a tag was resolved.
    let tagName: String?
    let movedFrom: [TagObservationRecord]

    /// `warning: …` lines for standard error.
    var warnings: [String] {
        guard let tagName, !movedFrom.isEmpty else { return [] }
        let earlier = movedFrom.map { "\($0.digest) (seen \(ISO8601DateFormatter().string(from: $0.time)))" }
        return ["warning: tag \(tagName) moved: it now names \(digest); before it named \(earlier.joined(separator: ", "))"]
    }

    /// The `image` member of `verify --format json`.
    var json: JSONValue {
        var object: [String: JSONValue] = ["reference": .string(reference.description), "digest": .string(digest.description),
                                           "tagMoved": .bool(!movedFrom.isEmpty),
                                           "previousDigests": .array(movedFrom.map { .string($0.digest.description) })]
        if let index { object["index"] = .string(index.description) }
        if let tagName { object["tag"] = .string(tagName) }
        return .object(object)
    }
}
