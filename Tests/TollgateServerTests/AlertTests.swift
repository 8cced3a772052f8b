import Foundation
import Logging
import Synchronization
import Testing
import TollgateLedger
import TollgateModel
@testable import TollgateServer

@Suite("Alerts", .serialized)
struct AlertTests {
    @Test("backoff is exponential with full jitter, capped")
    func backoff() async {
        let dispatcher = AlertDispatcher(sinks: [], baseDelay: .milliseconds(100), maxDelay: .milliseconds(350))
        var seen: Set<Duration> = []
        for _ in 0..<50 {
            let second = await dispatcher.delay(before: 2), third = await dispatcher.delay(before: 3), sixth = await dispatcher.delay(before: 6)
            #expect(second <= .milliseconds(100) && third <= .milliseconds(200) && sixth <= .milliseconds(350))
            seen.insert(sixth)
        }
        #expect(seen.count > 10, "no jitter")
    }
}
