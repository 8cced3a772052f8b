/// "1 artifact has", "3 artifacts have": counts in sentences.
enum Counted {
    static func noun(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }

    /// "3 artifacts have no SBOM" (`verb` is the plural form's: have, run, …).
    static func clause(_ count: Int, _ singular: String, plural: String? = nil, has: String = "has", have: String = "have",
                       _ rest: String) -> String {
        "\(noun(count, singular, plural)) \(count == 1 ? has : have) \(rest)"
    }
}
