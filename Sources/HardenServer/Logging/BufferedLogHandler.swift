import Foundation
import Logging

/// A swift-log handler writing one line per message into a `BufferedOutput`: time, level, message, then any
/// metadata as `key=value`. The service's loggers (access log, Hummingbird's own, errors) all use it.
public struct BufferedLogHandler: LogHandler {
    let output: BufferedOutput
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]

    public init(output: BufferedOutput, logLevel: Logger.Level) {
        self.output = output
        self.logLevel = logLevel
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = "\(UTCTime.iso8601(secondsSince1970: time(nil))) \(event.level) \(event.message)"
        let merged = event.metadata.map { metadata.merging($0) { $1 } } ?? metadata
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        output.append(line)
    }
}
