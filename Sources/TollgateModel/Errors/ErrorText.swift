import Crypto
import Foundation
import SwiftASN1
import _CryptoExtras

/// A sentence for a person about an error from Tollgate or from a library it uses, never a Swift
/// type dump.
///
/// A message that wraps an underlying error says `ErrorText.describe(error)`, not `"\(error)"`:
/// a library error's default description is a value dump such as
/// `ASN1Error.truncatedASN1Field: … DER.swift:123` or
/// `keyNotFound(CodingKeys(stringValue: "payload", intValue: nil), …)`, which tells a user nothing.
public enum ErrorText {
    /// What went wrong, in words: a Tollgate error's `reason`, a decoding error's field and path,
    /// a known library error as a plain sentence, otherwise the error's type name without its payload.
    public static func describe(_ error: any Error) -> String {
        switch error {
        case let error as any TollgateError: error.reason
        case let error as any ErrorTextConvertible: error.errorText
        case is DecodingError: JSONDepth.describe(error)
        case is EncodingError: "a value cannot be encoded as JSON"
        case let error as ASN1Error: describe(error.code)
        case let error as CryptoKitError: describe(error)
        case let error as CryptoKitASN1Error: describe(error)
        case is _CryptoRSAError: "the RSA key is not a valid PEM document"
        case is CocoaError, is POSIXError, is URLError: error.localizedDescription
        default: fallback(error)
        }
    }

    private static func describe(_ code: ASN1Error.ErrorCode) -> String {
        switch code {
        case .truncatedASN1Field: "the DER data is truncated"
        case .unexpectedFieldType: "a DER field has an unexpected type"
        case .invalidASN1Object: "the DER data is not the expected ASN.1 structure"
        case .invalidASN1IntegerEncoding: "a DER INTEGER is not minimally encoded"
        case .unsupportedFieldLength: "a DER field length is not in the shortest form or is too large"
        case .invalidPEMDocument: "the PEM document is not valid"
        case .invalidStringRepresentation: "a DER string holds characters its type does not allow"
        case .tooFewOIDComponents: "an object identifier has fewer than two components"
        default: "the DER data is not valid"
        }
    }

    private static func describe(_ error: CryptoKitError) -> String {
        switch error {
        case .incorrectKeySize: "the key has the wrong size"
        case .incorrectParameterSize: "a parameter has the wrong size"
        case .authenticationFailure: "authentication failed (wrong key or passphrase, or the data was altered)"
        case .underlyingCoreCryptoError(let code): "the cryptographic library reported error \(code)"
        case .wrapFailure: "the key cannot be wrapped"
        case .unwrapFailure: "the key cannot be unwrapped"
        case .invalidParameter: "a cryptographic parameter is not valid"
        @unknown default: "the cryptographic operation failed"
        }
    }

    /// swift-crypto's own DER errors, said as swift-asn1's.
    private static func describe(_ error: CryptoKitASN1Error) -> String {
        switch error {
        case .invalidFieldIdentifier, .unexpectedFieldType: describe(ASN1Error.ErrorCode.unexpectedFieldType)
        case .invalidObjectIdentifier: "an object identifier is not valid"
        case .invalidASN1Object: describe(ASN1Error.ErrorCode.invalidASN1Object)
        case .invalidASN1IntegerEncoding: describe(ASN1Error.ErrorCode.invalidASN1IntegerEncoding)
        case .truncatedASN1Field: describe(ASN1Error.ErrorCode.truncatedASN1Field)
        case .unsupportedFieldLength: describe(ASN1Error.ErrorCode.unsupportedFieldLength)
        case .invalidPEMDocument: describe(ASN1Error.ErrorCode.invalidPEMDocument)
        }
    }

    /// An error no mapping knows: Foundation's own errors describe themselves; anything else is
    /// named by its type only, since its description may be a dump of its payload.
    private static func fallback(_ error: any Error) -> String {
        let bridged = error as NSError
        if [NSCocoaErrorDomain, NSPOSIXErrorDomain, NSURLErrorDomain].contains(bridged.domain) {
            return bridged.localizedDescription
        }
        let name = String(describing: type(of: error))
        let bare = name.prefix { $0 != "<" && $0 != "(" }
        return "an unexpected error (\(bare.isEmpty ? "unknown" : bare))"
    }
}
