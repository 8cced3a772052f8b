/// The protobuf-JSON wire form of a Sigstore bundle (sigstore/protobuf-specs
/// `dev.sigstore.bundle.v1.Bundle`), decoded as-is and validated by ``UnverifiedBundle``.
///
/// Protobuf-JSON quirks handled here: 64-bit integers arrive as strings (or numbers), bytes are
/// base64, and any optional field may be absent.
struct BundleWire: Decodable, Equatable {
    var mediaType: String?
    var verificationMaterial: VerificationMaterialWire?
    var messageSignature: MessageSignatureWire?
    var dsseEnvelope: DSSEEnvelopeWire?

    struct VerificationMaterialWire: Decodable, Equatable {
        var x509CertificateChain: ChainWire?
        var certificate: BytesWire?
        var publicKey: PublicKeyIdentifierWire?
        var tlogEntries: [TransparencyLogEntryWire]?
        var timestampVerificationData: TimestampVerificationDataWire?
    }

    struct ChainWire: Decodable, Equatable {
        var certificates: [BytesWire]?
    }

    struct BytesWire: Decodable, Equatable {
        var rawBytes: String?
    }

    struct PublicKeyIdentifierWire: Decodable, Equatable {
        var hint: String?
    }

    struct TimestampVerificationDataWire: Decodable, Equatable {
        var rfc3161Timestamps: [SignedTimestampWire]?
    }

    struct SignedTimestampWire: Decodable, Equatable {
        var signedTimestamp: String?
    }

    struct MessageSignatureWire: Decodable, Equatable {
        var messageDigest: HashOutputWire?
        var signature: String?
    }

    struct HashOutputWire: Decodable, Equatable {
        var algorithm: String?
        var digest: String?
    }

    struct DSSEEnvelopeWire: Decodable, Equatable {
        var payload: String?
        var payloadType: String?
        var signatures: [DSSESignatureWire]?
    }

    struct DSSESignatureWire: Decodable, Equatable {
        var sig: String?
        var keyid: String?
    }
}

/// `dev.sigstore.rekor.v1.TransparencyLogEntry` in protobuf-JSON.
struct TransparencyLogEntryWire: Decodable, Equatable {
    var logIndex: ProtoInt64?
    var logId: LogIDWire?
    var kindVersion: KindVersionWire?
    var integratedTime: ProtoInt64?
    var inclusionPromise: InclusionPromiseWire?
    var inclusionProof: InclusionProofWire?
    var canonicalizedBody: String?

    struct LogIDWire: Decodable, Equatable { var keyId: String? }
    struct KindVersionWire: Decodable, Equatable {
        var kind: String?
        var version: String?
    }
    struct InclusionPromiseWire: Decodable, Equatable { var signedEntryTimestamp: String? }
    struct InclusionProofWire: Decodable, Equatable {
        var logIndex: ProtoInt64?
        var rootHash: String?
        var treeSize: ProtoInt64?
        var hashes: [String]?
        var checkpoint: CheckpointWire?
    }
    struct CheckpointWire: Decodable, Equatable { var envelope: String? }
}

/// A protobuf-JSON `int64`: a decimal string (the canonical form) or a JSON number.
struct ProtoInt64: Decodable, Equatable {
    let value: Int64

    init(_ value: Int64) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            guard let parsed = Int64(string) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(string.prefix(40))\" is not a 64-bit integer")
            }
            value = parsed
        } else {
            value = try container.decode(Int64.self)
        }
    }
}
