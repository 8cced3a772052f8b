import Crypto
import Foundation
import Synchronization
import TollgateModel

/// Signed-in dashboard sessions, in memory: a random session id (the `tollgate_session` cookie)
/// maps to the principal its API token authenticated and the session's CSRF token. The API token
/// itself is never kept. Sessions end after `lifetime`, at sign-out, or when the server restarts.
final class DashboardSessions: Sendable {
    struct Session: Sendable {
        let principal: Principal
        let csrf: String
        let expires: Date
    }

    static let cookie = "tollgate_session"
    /// The double-submit cookie of the sign-in form (there is no session yet to hold its token).
    static let signInCookie = "tollgate_signin"
    let lifetime: TimeInterval
    let limit: Int
    private let sessions = Mutex<[String: Session]>([:])

    init(lifetime: TimeInterval = 8 * 3600, limit: Int = 10_000) {
        self.lifetime = lifetime
        self.limit = limit
    }

    /// 256 random bits from the system's CSPRNG (swift-crypto), base64url without padding.
    static func randomToken() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Starts a session for `principal`; returns its id.
    func start(_ principal: Principal, now: Date = Date()) -> (id: String, session: Session) {
        let id = Self.randomToken()
        let session = Session(principal: principal, csrf: Self.randomToken(), expires: now.addingTimeInterval(lifetime))
        sessions.withLock { sessions in
            if sessions.count >= limit { sessions = sessions.filter { $0.value.expires > now } }
            if sessions.count >= limit, let oldest = sessions.min(by: { $0.value.expires < $1.value.expires })?.key {
                sessions[oldest] = nil
            }
            sessions[id] = session
        }
        return (id, session)
    }

    func session(_ id: String, now: Date = Date()) -> Session? {
        sessions.withLock { sessions in
            guard let session = sessions[id] else { return nil }
            guard session.expires > now else {
                sessions[id] = nil
                return nil
            }
            return session
        }
    }

    func end(_ id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }

    /// Whether two secrets are equal, compared by their SHA-256 (no early exit on the secret's bytes).
    static func same(_ a: String, _ b: String) -> Bool {
        Array(SHA256.hash(data: Data(a.utf8))) == Array(SHA256.hash(data: Data(b.utf8)))
    }
}
