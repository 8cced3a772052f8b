/// The protobuf-JSON form of `dev.sigstore.trustroot.v1.TrustedRoot`.
struct TrustedRootWire: Decodable, Equatable {
    var mediaType: String?
    var tlogs: [TransparencyLogInstanceWire]?
    var certificateAuthorities: [CertificateAuthorityWire]?
    var ctlogs: [TransparencyLogInstanceWire]?
    var timestampAuthorities: [CertificateAuthorityWire]?

    struct TransparencyLogInstanceWire: Decodable, Equatable {
        var baseUrl: String?
        var hashAlgorithm: String?
        var publicKey: PublicKeyWire?
        var logId: LogIDWire?
        var checkpointKeyId: LogIDWire?
        var origin: String?
    }

    struct PublicKeyWire: Decodable, Equatable {
        var rawBytes: String?
        var keyDetails: String?
        var validFor: TimeRangeWire?
    }

    struct LogIDWire: Decodable, Equatable { var keyId: String? }

    struct TimeRangeWire: Decodable, Equatable {
        var start: String?
        var end: String?
    }

    struct CertificateAuthorityWire: Decodable, Equatable {
        var subject: SubjectWire?
        var uri: String?
        var certChain: ChainWire?
        var validFor: TimeRangeWire?
    }

    struct SubjectWire: Decodable, Equatable {
        var organization: String?
        var commonName: String?
    }

    struct ChainWire: Decodable, Equatable { var certificates: [BundleWire.BytesWire]? }
}
