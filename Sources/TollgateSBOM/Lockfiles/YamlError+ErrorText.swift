import TollgateModel
import Yams

/// Yams' errors as one line with libyaml's position; its `description` spans lines with a source
/// snippet, and a reader error can print `Optional(…)`.
extension YamlError: ErrorTextConvertible {
    public var errorText: String {
        switch self {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            "line \(mark.line), column \(mark.column): \(problem)" + (context.map { " \($0.text)" } ?? "")
        case .reader(let problem, let offset, _, _):
            problem + (offset.map { " at byte \($0)" } ?? "")
        case .duplicatedKeysInMapping(let duplicates, let context):
            "line \(context.mark.line), column \(context.mark.column): duplicate keys \(duplicates.sorted().joined(separator: ", "))"
        default:
            description
        }
    }
}
