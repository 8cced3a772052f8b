import Foundation

/// A value computed on first use and then kept, safe to share between tasks: for derived data
/// that costs elliptic-curve arithmetic to make (a key's DER encoding converts its point to
/// affine coordinates) but that most runs never need. TollgateSigstore keeps trusted-root key
/// hashes in it; ``PublicKey`` its SubjectPublicKeyInfo DER.
public final class Lazy<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    private let make: @Sendable () -> Value

    public init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    public var value: Value {
        lock.withLock {
            if let stored { return stored }
            let made = make()
            stored = made
            return made
        }
    }
}
