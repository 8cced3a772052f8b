import Synchronization

/// A flag raised once, read without waiting: a batch's workers look at it between bundles to
/// learn that the trusted root has loaded.
final class OnceFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    init() {}

    func raise() {
        raised.store(true, ordering: .releasing)
    }

    var isRaised: Bool {
        raised.load(ordering: .acquiring)
    }
}
