import ArgumentParser
import TollgateOCI

extension ReferrersMode: ExpressibleByArgument {}

/// The flags of `sign IMAGE_REF` and `attest IMAGE_REF`: registry access, where to push, and
/// whether to record what was pushed in the ledger.
struct ImagePushOptions: ParsableArguments {
    @OptionGroup var registry: ImageOptions

    @Option(name: .customLong("registry-referrers-mode"),
            help: "For an image: push to cosign's tags (legacy), as OCI 1.1 referrers (oci-1-1), or both.")
    var referrersMode: ReferrersMode = .both

    @Flag(name: .customLong("record"), help: "For an image: append what was pushed to the ledger (attestation.stored).")
    var record = false

    @OptionGroup var data: LedgerDataOptions
}
