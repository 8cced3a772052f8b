import Foundation
import TollgateModel

/// One JSON Patch operation (RFC 6902) of the mutating endpoint: the image of a container named by
/// tag is replaced by the same image pinned to the digest its recorded tag history resolves to
/// (`registry/app:1.4` → `registry/app:1.4@sha256:…`).
///
/// Idempotent: an image that already names a digest is never patched, so a GitOps controller that
/// re-applies the tag gets the same pinned result and a re-review of the pinned object yields no
/// patch at all (the loop of policy-controller #285 cannot start).
public struct ImagePin: Sendable, Hashable, Codable {
    public let container: ContainerImage
    /// The image after the patch.
    public let pinned: String
    /// How the digest was found, in words.
    public let resolution: String

    /// The JSON Patch document of `pins`: a `test` of the current value before each `replace`, so
    /// the patch applies only to the object it was computed for.
    public static func patch(_ pins: [ImagePin]) -> JSONValue {
        .array(pins.flatMap { pin -> [JSONValue] in
            [["op": "test", "path": .string(pin.container.pointer), "value": .string(pin.container.image)],
             ["op": "replace", "path": .string(pin.container.pointer), "value": .string(pin.pinned)]]
        })
    }
}
