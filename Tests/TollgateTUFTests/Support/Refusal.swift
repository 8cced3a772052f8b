import TollgateTUF

/// The `TUFError` `body` throws, or nil when it succeeds or throws something else.
func refusal(_ body: () async throws -> Void) async -> TUFError? {
    do {
        try await body()
        return nil
    } catch let error as TUFError {
        return error
    } catch {
        return nil
    }
}
