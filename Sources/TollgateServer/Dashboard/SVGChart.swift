import Foundation

/// The numbers of an inline SVG plot, for the `chart` template: stacked bars (decisions per day) or
/// lines (findings by severity over time) over days, with a y axis of round steps and a legend.
/// Only numbers and labels are produced here; the template escapes them.
struct SVGChart {
    let label: String
    /// The x positions (days), oldest first.
    let days: [String]
    /// Series in drawing (and legend) order: name → one value per day.
    let series: [(name: String, values: [Int])]

    static let width = 560, height = 220
    static let left = 44, right = 12, top = 12, bottom = 44

    enum Style { case stackedBars, lines }

    func context(_ style: Style) -> [String: Any] {
        let plotWidth = Double(Self.width - Self.left - Self.right), plotHeight = Double(Self.height - Self.top - Self.bottom)
        let maximum: Int
        switch style {
        case .stackedBars: maximum = days.indices.map { day in series.reduce(0) { $0 + $1.values[day] } }.max() ?? 0
        case .lines: maximum = series.flatMap(\.values).max() ?? 0
        }
        let step = Self.niceStep(maximum)
        let top = max(step, ((maximum + step - 1) / step) * step)
        func y(_ value: Int) -> Double { Double(Self.top) + plotHeight * (1 - Double(value) / Double(top)) }
        let slot = plotWidth / Double(max(days.count, 1))
        func x(_ day: Int) -> Double { Double(Self.left) + slot * (Double(day) + 0.5) }

        var gridlines: [[String: Any]] = []
        for value in stride(from: 0, through: top, by: step) {
            gridlines.append(["x1": Self.left, "x2": Self.width - Self.right, "y": Self.format(y(value)),
                              "labelX": Self.left - 4, "textY": Self.format(y(value) + 3), "value": value])
        }
        var bars: [[String: Any]] = [], lines: [[String: Any]] = []
        switch style {
        case .stackedBars:
            let barWidth = min(40, max(2, slot * 0.7))
            for day in days.indices {
                var base = 0
                for (name, values) in series where values[day] > 0 {
                    let value = values[day]
                    bars.append(["x": Self.format(x(day) - barWidth / 2), "y": Self.format(y(base + value)), "w": Self.format(barWidth),
                                 "h": Self.format(y(base) - y(base + value)), "series": name, "tip": "\(days[day]): \(value) \(name)"])
                    base += value
                }
            }
        case .lines:
            for (name, values) in series where values.contains(where: { $0 > 0 }) {
                let points = values.indices.map { "\(Self.format(x($0))),\(Self.format(y(values[$0])))" }
                // A single day is drawn as a short flat segment so it is visible.
                let drawn = points.count == 1 ? ["\(Self.format(x(0) - 6)),\(Self.format(y(values[0])))", "\(Self.format(x(0) + 6)),\(Self.format(y(values[0])))"] : points
                let dots: [[String: Any]] = values.indices.map {
                    ["x": Self.format(x($0)), "y": Self.format(y(values[$0])), "series": name, "tip": "\(days[$0]): \(values[$0]) \(name)"]
                }
                lines.append(["points": drawn.joined(separator: " "), "series": name, "dots": dots])
            }
        }
        // At most about eight day labels, always the first and the last.
        let every = max(1, Int((Double(days.count) / 8).rounded(.up)))
        var xlabels: [[String: Any]] = []
        for day in days.indices where day % every == 0 || day == days.count - 1 {
            xlabels.append(["x": Self.format(x(day)), "y": Self.height - Self.bottom + 14, "text": String(days[day].dropFirst(5))])
        }
        var legend: [[String: Any]] = []
        for (position, entry) in series.enumerated() {
            let legendX = Self.left + position * 84
            legend.append(["x": legendX, "y": Self.height - 18, "textX": legendX + 14, "textY": Self.height - 9, "series": entry.name,
                           "text": entry.name])
        }
        return ["label": label, "width": Self.width, "height": Self.height, "gridlines": gridlines, "bars": bars, "lines": lines,
                "xlabels": xlabels, "legend": legend, "hasData": !days.isEmpty && maximum > 0]
    }

    /// A step of 1, 2 or 5 × 10ⁿ giving at most five gridlines above zero.
    static func niceStep(_ maximum: Int) -> Int {
        guard maximum > 5 else { return 1 }
        var magnitude = 1
        while true {
            for factor in [1, 2, 5] {
                let step = factor * magnitude
                if (maximum + step - 1) / step <= 5 { return step }
            }
            magnitude *= 10
        }
    }

    static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
