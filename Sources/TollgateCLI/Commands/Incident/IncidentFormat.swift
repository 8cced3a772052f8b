/// `text`, `json` (`tollgate.dev/incident/v1`) or `markdown`: the formats of an incident answer.
enum IncidentFormat: String, ReportFormat {
    case text
    case json
    case markdown

    static var defaultFormat: IncidentFormat { .text }
}
