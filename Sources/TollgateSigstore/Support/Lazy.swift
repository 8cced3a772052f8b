import Foundation

/// A value derived from trusted-root data, computed on first use and then kept: the parts of a
/// trusted root that cost elliptic-curve arithmetic to derive (a key's DER encoding converts its
/// point) but that most runs never need, so loading a root stays cheap while a batch computes
/// them once instead of once per bundle. Safe to share between tasks.
final class Lazy<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    var value: Value {
        lock.withLock {
            if let stored { return stored }
            let made = make()
            stored = made
            return made
        }
    }
}
