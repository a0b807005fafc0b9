import Foundation
import Synchronization

/// The service's two ways of writing a time, both from the clock's seconds with `gmtime_r`: formatting through
/// Foundation's calendar for every line was a tenth of the access log.
enum UTCTime {
    /// A log line's time as `Date.formatted(.iso8601)` writes it: `2026-12-01T08:10:00Z`.
    static func iso8601(secondsSince1970 seconds: time_t) -> String {
        let parts = fields(seconds)
        return "\(parts.tm_year + 1900)-\(twoDigits(parts.tm_mon + 1))-\(twoDigits(parts.tm_mday))T\(clock(parts))Z"
    }

    /// The Date header's value, RFC 9110's IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), for the answers written
    /// below the router (Hummingbird dates the others, in the same format).
    static func httpDate(secondsSince1970 seconds: time_t) -> String {
        let parts = fields(seconds)
        return "\(weekdays[Int(parts.tm_wday)]), \(twoDigits(parts.tm_mday)) \(months[Int(parts.tm_mon)]) "
            + "\(parts.tm_year + 1900) \(clock(parts)) GMT"
    }

    /// `httpDate` of now, made once a second.
    static func httpDateNow() -> String {
        let second = time(nil)
        return latestHTTPDate.withLock { latest in
            if latest.second != second { latest = (second, httpDate(secondsSince1970: second)) }
            return latest.text
        }
    }

    private static let latestHTTPDate = Mutex<(second: time_t, text: String)>((-1, ""))
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func fields(_ seconds: time_t) -> tm {
        var time = seconds
        var parts = tm()
        gmtime_r(&time, &parts)
        return parts
    }

    private static func clock(_ parts: tm) -> String {
        "\(twoDigits(parts.tm_hour)):\(twoDigits(parts.tm_min)):\(twoDigits(parts.tm_sec))"
    }

    private static func twoDigits(_ value: Int32) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
