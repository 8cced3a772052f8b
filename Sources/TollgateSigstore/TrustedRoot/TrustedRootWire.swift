/// The protobuf-JSON form of `dev.sigstore.trustroot.v1.TrustedRoot`.
struct TrustedRootWire: Decodable {
    var mediaType: String?
    var tlogs: [TransparencyLogInstanceWire]?
    var certificateAuthorities: [CertificateAuthorityWire]?
    var ctlogs: [TransparencyLogInstanceWire]?
    var timestampAuthorities: [CertificateAuthorityWire]?

    struct TransparencyLogInstanceWire: Decodable {
        var baseUrl: String?
        var hashAlgorithm: String?
        var publicKey: PublicKeyWire?
        var logId: LogIDWire?
        var checkpointKeyId: LogIDWire?
        var origin: String?
    }

    struct PublicKeyWire: Decodable {
        var rawBytes: String?
        var keyDetails: String?
        var validFor: TimeRangeWire?
    }

    struct LogIDWire: Decodable { var keyId: String? }

    struct TimeRangeWire: Decodable {
        var start: String?
        var end: String?
    }

    struct CertificateAuthorityWire: Decodable {
        var subject: SubjectWire?
        var uri: String?
        var certChain: ChainWire?
        var validFor: TimeRangeWire?
    }

    struct SubjectWire: Decodable {
        var organization: String?
        var commonName: String?
    }

    struct ChainWire: Decodable { var certificates: [BundleWire.BytesWire]? }
}
