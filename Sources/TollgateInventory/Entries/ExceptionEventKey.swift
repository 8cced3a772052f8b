/// The key an exception event is remembered under (`granted:POLICY:ID`, `expired:POLICY:ID`), so
/// each grant and expiry is appended to the ledger once.
public enum ExceptionEventKey {
    public static func granted(policy: String, id: String) -> String { "granted:\(policy):\(id)" }
    public static func expired(policy: String, id: String) -> String { "expired:\(policy):\(id)" }
}
