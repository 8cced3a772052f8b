import Foundation
import TollgateModel

/// Reads the proof JSON documents of transparency-dev/merkle (`check-proof`).
public enum ProofJSON {
    /// A parsed proof document.
    public enum Document: Sendable, Equatable {
        case inclusion(InclusionProof)
        case consistency(ConsistencyProof)

        /// Verifies the proof it carries.
        public func verify() -> ProofVerdict {
            switch self {
            case .inclusion(let proof): proof.verify()
            case .consistency(let proof): proof.verify()
            }
        }
    }

    /// The largest proof document accepted.
    public static let maxSize = 1 << 20

    /// Parses an inclusion (`leafIdx`) or consistency (`size1`) proof document.
    public static func parse(_ data: Data) throws(TransparencyError) -> Document {
        guard data.count <= maxSize else {
            throw TransparencyError(.tooLarge, "a proof document is at most \(maxSize) bytes, found \(data.count)")
        }
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw TransparencyError(.invalidProof, "a proof document is a JSON object")
            }
            object = parsed
        } catch let error as TransparencyError {
            throw error
        } catch {
            throw TransparencyError(.invalidProof, "proof document is not JSON: \(ErrorText.describe(error))")
        }
        let decoder = JSONDecoder()
        do {
            if object["leafIdx"] != nil {
                return .inclusion(try decoder.decode(InclusionProof.self, from: data))
            }
            if object["size1"] != nil {
                return .consistency(try decoder.decode(ConsistencyProof.self, from: data))
            }
        } catch let error as TransparencyError {
            throw error
        } catch {
            throw TransparencyError(.invalidProof, "proof document has missing or mistyped fields: \(JSONDepth.describe(error))")
        }
        throw TransparencyError(.invalidProof, "expected an inclusion proof (leafIdx, treeSize, leafHash, root, proof) or a consistency proof (size1, size2, root1, root2, proof)")
    }

    /// Decodes a base64 field (an empty string is zero bytes).
    static func bytes(_ text: String) throws -> [UInt8] {
        guard let data = Data(base64Encoded: text) else {
            throw TransparencyError(.invalidProof, "'\(text.prefix(64))' is not base64")
        }
        return Array(data)
    }
}
