import Foundation
import Synchronization

/// The Date header's value, RFC 9110's IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), for the answers written below
/// the router (Hummingbird dates the others, in the same format). Made once a second.
enum HTTPDate {
    private static let latest = Mutex<(second: time_t, text: String)>((-1, ""))

    static func now() -> String {
        let second = time(nil)
        return latest.withLock { latest in
            if latest.second != second { latest = (second, text(secondsSince1970: second)) }
            return latest.text
        }
    }

    static func text(secondsSince1970 seconds: time_t) -> String {
        var time = seconds
        var parts = tm()
        gmtime_r(&time, &parts)
        let weekday = weekdays[Int(parts.tm_wday)]
        let month = months[Int(parts.tm_mon)]
        return "\(weekday), \(twoDigits(parts.tm_mday)) \(month) \(parts.tm_year + 1900) "
            + "\(twoDigits(parts.tm_hour)):\(twoDigits(parts.tm_min)):\(twoDigits(parts.tm_sec)) GMT"
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func twoDigits(_ value: Int32) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
