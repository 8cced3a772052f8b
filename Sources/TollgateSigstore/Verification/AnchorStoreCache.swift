import Foundation
import X509

/// swift-certificates' `CertificateStore` of the Fulcio anchors valid at an instant, built once per
/// set of certificate authorities and kept by the ``SigstoreVerifier``, instead of once a bundle
/// (building one indexes every anchor by its subject name: ~0.5% of a `verify-bundle --batch`).
/// The store is a pure function of the anchors, so sharing it changes no result.
final class AnchorStoreCache: @unchecked Sendable {
    /// Distinct authority sets kept; a trusted root has a handful of authorities.
    static let capacity = 64

    private let lock = NSLock()
    private var stores: [[Int]: CertificateStore] = [:]

    /// The store of the authorities at `indices` of the trusted root, whose certificates are `anchors`.
    func store(for indices: [Int], anchors: [Certificate]) -> CertificateStore {
        if let store = lock.withLock({ stores[indices] }) { return store }
        let store = CertificateStore(anchors)
        lock.withLock {
            if stores.count < Self.capacity { stores[indices] = store }
        }
        return store
    }

    /// How many authority sets have a store (for tests).
    var count: Int { lock.withLock { stores.count } }
}
