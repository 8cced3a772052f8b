import Foundation
import TollgateData
import TollgateLedger

/// The token store and ledger of a data location, and the actor the CLI records as (its ledger key).
struct TokenContext {
    let authority: TokenAuthority
    let actor: String

    static func open(_ options: DataLocationOptions) async throws -> TokenContext {
        let location = options.location
        let config = try location.loadConfig()
        let signer = try location.signer(for: config)
        let stores = try location.openStores(config)
        try await stores.tokens.prepare()
        let ledger = try await Ledger.open(store: stores.ledger, signer: signer)
        return TokenContext(authority: TokenAuthority(store: stores.tokens, ledger: ledger), actor: DataLocation.keyActor(signer))
    }
}
