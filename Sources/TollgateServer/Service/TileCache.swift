import Synchronization

/// Tiles already built, by path: a tile's content never changes (a partial tile of width W is as
/// immutable as a full one), so each is read from the store once while it stays in the cache.
/// Bounded by count; the oldest is dropped first.
final class TileCache: Sendable {
    private let state = Mutex<(tiles: [String: [UInt8]], order: [String], next: Int)>(([:], [], 0))
    let capacity: Int

    /// 4,096 hash tiles of 8 KiB are 32 MiB.
    init(capacity: Int = 4096) {
        self.capacity = max(1, capacity)
    }

    func tile(_ path: String) -> [UInt8]? {
        state.withLock { $0.tiles[path] }
    }

    func store(_ path: String, _ bytes: [UInt8]) {
        state.withLock { state in
            guard state.tiles[path] == nil else { return }
            if state.order.count < capacity {
                state.order.append(path)
            } else {
                state.tiles[state.order[state.next]] = nil
                state.order[state.next] = path
                state.next = (state.next + 1) % capacity
            }
            state.tiles[path] = bytes
        }
    }
}
