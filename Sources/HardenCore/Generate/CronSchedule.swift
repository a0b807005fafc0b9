/// The schedule syntax a CronJob accepts (robfig/cron's standard parser, which Kubernetes uses): five fields of
/// numbers, `*`, ranges, steps, lists and month or weekday names, or one of the `@` descriptors.
enum CronSchedule {
    static let descriptors: Set<String> = [
        "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly",
    ]
    /// Each field's bounds, in order: minute, hour, day of month, month, day of week.
    static let bounds: [ClosedRange<Int>] = [0...59, 0...23, 1...31, 1...12, 0...7]
    static let names: [[String]] = [
        [], [], [],
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        ["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
    ]

    /// Why `schedule` is not one Kubernetes accepts, or nil.
    static func problem(with schedule: String) -> String? {
        if schedule.hasPrefix("@") {
            return descriptors.contains(schedule) ? nil : "is not a schedule descriptor (@hourly, @daily, @weekly...)"
        }
        let fields = schedule.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 5 else { return "is not a cron schedule (five fields, or @hourly, @daily...)" }
        for (index, field) in fields.enumerated() {
            for item in field.split(separator: ",", omittingEmptySubsequences: false) {
                guard isValid(item, bounds: bounds[index], names: names[index]) else {
                    return
                        "has an invalid field \"\(Quoted.brief(field))\" (allowed: \(bounds[index]), *, ranges, steps, lists)"
                }
            }
        }
        return nil
    }

    private static func isValid(_ item: Substring, bounds: ClosedRange<Int>, names: [String]) -> Bool {
        let parts = item.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        if parts.count == 2 {
            guard let step = Int(parts[1]), step > 0 else { return false }
        }
        let range = parts[0]
        if range == "*" || range == "?" { return true }
        let ends = range.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(ends.count) else { return false }
        let values = ends.map { end -> Int? in
            if let number = Int(end) { return bounds.contains(number) ? number : nil }
            return names.firstIndex(of: end.lowercased()).map { $0 + bounds.lowerBound }
        }
        guard let low = values.first ?? nil, let high = values.last ?? nil else { return false }
        return low <= high
    }
}
