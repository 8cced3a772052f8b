import Testing

/// One run of one command with the exit status it must give (docs/exit-codes.md).
struct CommandCase: Sendable, CustomTestStringConvertible {
    enum Outcome: String, Sendable {
        case success, usage, unreadable, failure, environment
    }

    /// How the success case prints JSON: after `--format json`, or always (its report is a JSON document).
    enum JSONOutput: Sendable {
        case formatFlag, always
    }

    let command: String
    let outcome: Outcome
    let arguments: [String]
    let status: Int32
    let json: JSONOutput?

    var testDescription: String { "tollgate \(command) [\(outcome.rawValue)] exits \(status)" }

    static func ok(_ command: String, _ arguments: [String], json: JSONOutput? = .formatFlag) -> CommandCase {
        CommandCase(command: command, outcome: .success, arguments: arguments, status: 0, json: json)
    }

    static func usage(_ command: String, _ arguments: [String]) -> CommandCase {
        CommandCase(command: command, outcome: .usage, arguments: arguments, status: 2, json: nil)
    }

    static func unreadable(_ command: String, _ arguments: [String]) -> CommandCase {
        CommandCase(command: command, outcome: .unreadable, arguments: arguments, status: 3, json: nil)
    }

    static func failure(_ command: String, _ arguments: [String], status: Int32 = 1) -> CommandCase {
        CommandCase(command: command, outcome: .failure, arguments: arguments, status: status, json: nil)
    }

    static func environment(_ command: String, _ arguments: [String]) -> CommandCase {
        CommandCase(command: command, outcome: .environment, arguments: arguments, status: 4, json: nil)
    }
}
