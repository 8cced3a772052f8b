import TollgateStore

extension AdvisoryStoreAffected {
    /// Whether this stored `affected[]` entry marks `version` affected, evaluated as a scan evaluates
    /// it (`AffectedEvaluator`: the ecosystem's ordering, the explicit versions list, GHSA's last-known
    /// bound); nil when it does not.
    public func affects(version: String) -> AffectedMatch? {
        AffectedEvaluator(ecosystem: ecosystem).evaluate(version: version, ranges: RangeCodec.decode(ranges),
                                                          versions: versions, lastKnownAffected: lastKnownAffected)
    }
}
