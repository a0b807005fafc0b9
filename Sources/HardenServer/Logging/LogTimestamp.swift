import Foundation

/// A log line's time as `Date.formatted(.iso8601)` writes it (`2026-12-01T08:10:00Z`), made from the clock's
/// seconds with `gmtime_r`: formatting through Foundation's calendar for every line was a tenth of the access log.
enum LogTimestamp {
    static func now() -> String {
        text(secondsSince1970: time(nil))
    }

    static func text(secondsSince1970 seconds: time_t) -> String {
        var time = seconds
        var parts = tm()
        gmtime_r(&time, &parts)
        return "\(parts.tm_year + 1900)-\(twoDigits(parts.tm_mon + 1))-\(twoDigits(parts.tm_mday))T"
            + "\(twoDigits(parts.tm_hour)):\(twoDigits(parts.tm_min)):\(twoDigits(parts.tm_sec))Z"
    }

    private static func twoDigits(_ value: Int32) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
