import Foundation
import TollgateModel

extension TrustedRootWire {
    /// Decodes trusted-root JSON through ``JSONWire`` when it reads the document exactly as
    /// `JSONDecoder` would, otherwise with `JSONDecoder` (whose error is the one thrown). Every
    /// `verify-bundle` loads a root before its first bundle: `JSONDecoder` was most of that
    /// serial start (docs/benchmarks.md, issue #13). `TrustedRootWireTests` checks both paths
    /// agree on every fixture root and on mutations of one.
    static func decode(_ bytes: [UInt8]) throws -> TrustedRootWire {
        if let parsed = try? JSONWire.parse(bytes, maxBytes: TrustedRoot.maxBytes), let wire = try? TrustedRootWire(value: parsed) {
            return wire
        }
        return try JSONDecoder().decode(TrustedRootWire.self, from: Data(bytes))
    }

    init(value: JSONValue) throws(JSONWire.Mismatch) {
        let members = try JSONWire.members(value)
        func logs(_ value: JSONValue?) throws(JSONWire.Mismatch) -> [TransparencyLogInstanceWire]? {
            try JSONWire.array(value) { (item) throws(JSONWire.Mismatch) in
                try JSONWire.element(item, TransparencyLogInstanceWire.init(members:))
            }
        }
        func authorities(_ value: JSONValue?) throws(JSONWire.Mismatch) -> [CertificateAuthorityWire]? {
            try JSONWire.array(value) { (item) throws(JSONWire.Mismatch) in
                try JSONWire.element(item, CertificateAuthorityWire.init(members:))
            }
        }
        self.init(
            mediaType: try JSONWire.string(members["mediaType"]),
            tlogs: try logs(members["tlogs"]),
            certificateAuthorities: try authorities(members["certificateAuthorities"]),
            ctlogs: try logs(members["ctlogs"]),
            timestampAuthorities: try authorities(members["timestampAuthorities"]))
    }
}

extension TrustedRootWire.TimeRangeWire {
    init(members: [String: JSONValue]) throws(JSONWire.Mismatch) {
        self.init(start: try JSONWire.string(members["start"]), end: try JSONWire.string(members["end"]))
    }
}

extension TrustedRootWire.LogIDWire {
    init(members: [String: JSONValue]) throws(JSONWire.Mismatch) {
        self.init(keyId: try JSONWire.string(members["keyId"]))
    }
}

extension TrustedRootWire.TransparencyLogInstanceWire {
    init(members: [String: JSONValue]) throws(JSONWire.Mismatch) {
        self.init(
            baseUrl: try JSONWire.string(members["baseUrl"]),
            hashAlgorithm: try JSONWire.string(members["hashAlgorithm"]),
            publicKey: try JSONWire.object(members["publicKey"]) { (key) throws(JSONWire.Mismatch) in
                TrustedRootWire.PublicKeyWire(
                    rawBytes: try JSONWire.string(key["rawBytes"]),
                    keyDetails: try JSONWire.string(key["keyDetails"]),
                    validFor: try JSONWire.object(key["validFor"], TrustedRootWire.TimeRangeWire.init(members:)))
            },
            logId: try JSONWire.object(members["logId"], TrustedRootWire.LogIDWire.init(members:)),
            checkpointKeyId: try JSONWire.object(members["checkpointKeyId"], TrustedRootWire.LogIDWire.init(members:)),
            origin: try JSONWire.string(members["origin"]))
    }
}

extension TrustedRootWire.CertificateAuthorityWire {
    init(members: [String: JSONValue]) throws(JSONWire.Mismatch) {
        self.init(
            subject: try JSONWire.object(members["subject"]) { (subject) throws(JSONWire.Mismatch) in
                TrustedRootWire.SubjectWire(organization: try JSONWire.string(subject["organization"]),
                                            commonName: try JSONWire.string(subject["commonName"]))
            },
            uri: try JSONWire.string(members["uri"]),
            certChain: try JSONWire.object(members["certChain"]) { (chain) throws(JSONWire.Mismatch) in
                TrustedRootWire.ChainWire(certificates: try JSONWire.array(chain["certificates"]) { (item) throws(JSONWire.Mismatch) in
                    try JSONWire.element(item, BundleWire.BytesWire.init(members:))
                })
            },
            validFor: try JSONWire.object(members["validFor"], TrustedRootWire.TimeRangeWire.init(members:)))
    }
}
