/// One member of a tar stream, with the headers that describe it already applied (GNU long names, pax).
public struct TarEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case file
        case directory
        case symlink
        case hardLink
        case other
    }

    /// The member's path as written, without a leading `./` or `/`.
    var name: String
    var kind: Kind
    var mode: Int
    var uid: Int
    var gid: Int
    var size: Int
    /// The target of a link.
    var linkName: String
}

/// Reads tar headers in order (ustar, GNU long names and pax extended headers), handing each member's content to
/// the caller or skipping it; nothing is extracted. Bounded: at most `maxEntries` members, and a header's declared
/// size is never trusted for an allocation (content is read in chunks, and only what the caller asks for).
final class TarReader {
    private let source: any ByteStream
    private let maxEntries: Int
    private let name: String
    private var entries = 0
    /// Content of the current member not yet read or skipped, and its padding to 512 bytes.
    private var unread = 0
    private var padding = 0

    init(_ source: any ByteStream, maxEntries: Int, name: String) {
        self.source = source
        self.maxEntries = maxEntries
        self.name = name
    }

    /// The next member, or nil at the end of the archive.
    func next() throws(ImageError) -> TarEntry? {
        guard try source.skip(unread + padding) else { throw truncated() }
        unread = 0
        padding = 0
        var longName: String?
        var longLink: String?
        var pax: [String: String] = [:]
        while true {
            let header = try source.read(exactly: 512)
            if header.isEmpty || header.allSatisfy({ $0 == 0 }) { return nil }
            guard header.count == 512 else { throw truncated() }
            guard Self.checksumMatches(header) else { throw .malformed("\(name): a tar header's checksum is wrong") }
            entries += 1
            guard entries <= maxEntries else { throw .overLimit("\(name) has more than \(maxEntries) entries") }
            let size = try Self.number(header[124..<136], field: "size", in: name)
            let type = header[156]
            switch type {
            case UInt8(ascii: "L"), UInt8(ascii: "K"), UInt8(ascii: "x"), UInt8(ascii: "g"):
                guard size <= 1 << 20 else { throw .overLimit("\(name): an extended header of \(size) bytes") }
                let body = try source.read(exactly: size)
                guard body.count == size, try source.skip(Self.padding(for: size)) else { throw truncated() }
                if type == UInt8(ascii: "L") { longName = Self.text(body[...]) }
                if type == UInt8(ascii: "K") { longLink = Self.text(body[...]) }
                if type == UInt8(ascii: "x") { pax.merge(Self.paxRecords(body)) { $1 } }
                continue
            default: break
            }
            var path = longName ?? pax["path"] ?? Self.ustarName(header)
            while path.hasPrefix("./") { path.removeFirst(2) }
            while path.hasPrefix("/") { path.removeFirst() }
            let entry = TarEntry(
                name: path,
                kind: Self.kind(type),
                mode: try Self.number(header[100..<108], field: "mode", in: name),
                uid: try Self.number(pax["uid"], header[108..<116], field: "uid", in: name),
                gid: try Self.number(pax["gid"], header[116..<124], field: "gid", in: name),
                size: pax["size"].flatMap { Int($0) } ?? size,
                linkName: longLink ?? pax["linkpath"] ?? Self.text(header[157..<257]))
            unread = entry.kind == .file ? entry.size : (entry.kind == .hardLink || entry.kind == .symlink ? 0 : size)
            padding = Self.padding(for: unread)
            return entry
        }
    }

    /// The current member's content, if it is at most `limit` bytes; nil (and skipped) otherwise.
    func content(limit: Int) throws(ImageError) -> [UInt8]? {
        guard unread <= limit else { return nil }
        let bytes = try source.read(exactly: unread)
        guard bytes.count == unread else { throw truncated() }
        unread = 0
        return bytes
    }

    /// The current member's content streamed, for a member that is itself an archive (a layer in a docker-archive).
    func contentStream() -> any ByteStream {
        let stream = MemberStream(reader: self)
        return stream
    }

    fileprivate func readMember(upTo limit: Int) throws(ImageError) -> [UInt8] {
        guard unread > 0 else { return [] }
        let bytes = try source.read(upTo: min(limit, unread))
        if bytes.isEmpty { throw truncated() }
        unread -= bytes.count
        return bytes
    }

    private func truncated() -> ImageError { .malformed("\(name) ends in the middle of a member") }

    private static func padding(for size: Int) -> Int { (512 - size % 512) % 512 }

    private static func kind(_ type: UInt8) -> TarEntry.Kind {
        switch type {
        case 0, UInt8(ascii: "0"), UInt8(ascii: "7"): .file
        case UInt8(ascii: "5"): .directory
        case UInt8(ascii: "2"): .symlink
        case UInt8(ascii: "1"): .hardLink
        default: .other
        }
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    private static func ustarName(_ header: [UInt8]) -> String {
        let name = text(header[0..<100])
        let isUstar = header[257..<262].elementsEqual("ustar".utf8)
        let prefix = isUstar ? text(header[345..<500]) : ""
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    /// A pax record's number when there is one, else the header's field.
    private static func number(_ pax: String?, _ field: ArraySlice<UInt8>, field label: String, in name: String)
        throws(ImageError) -> Int
    {
        if let pax, let value = Int(pax) { return value }
        return try number(field, field: label, in: name)
    }

    /// An octal field, or GNU's base-256 form for large values (high bit set).
    private static func number(_ field: ArraySlice<UInt8>, field label: String, in name: String) throws(ImageError)
        -> Int
    {
        if let first = field.first, first & 0x80 != 0 {
            var value = 0
            for byte in field.dropFirst() {
                guard value < Int.max >> 9 else { throw .overLimit("\(name): a tar \(label) field is too large") }
                value = value << 8 | Int(byte)
            }
            return value
        }
        var value = 0
        for byte in field where byte != 0 && byte != UInt8(ascii: " ") {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "7") else {
                throw .malformed("\(name): a tar \(label) field is not octal")
            }
            guard value < Int.max >> 4 else { throw .overLimit("\(name): a tar \(label) field is too large") }
            value = value * 8 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func checksumMatches(_ header: [UInt8]) -> Bool {
        var sum = 0
        for (index, byte) in header.enumerated() { sum += (148..<156).contains(index) ? 32 : Int(byte) }
        guard let stored = try? number(header[148..<156], field: "checksum", in: "") else { return false }
        return stored == sum
    }

    /// pax records: `LENGTH key=value\n`, repeated. A line without `=` after its length is skipped.
    static func paxRecords(_ body: [UInt8]) -> [String: String] {
        var records: [String: String] = [:]
        for line in String(decoding: body, as: UTF8.self).split(separator: "\n") {
            guard let space = line.firstIndex(of: " "),
                let equals = line[line.index(after: space)...].firstIndex(of: "=")
            else { continue }
            let key = String(line[line.index(after: space)..<equals])
            records[key] = String(line[line.index(after: equals)...])
        }
        return records
    }
}

/// The content of the current tar member as a stream of its own.
private final class MemberStream: ByteStream {
    private let reader: TarReader

    init(reader: TarReader) { self.reader = reader }

    func read(upTo limit: Int) throws(ImageError) -> [UInt8] {
        try reader.readMember(upTo: limit)
    }
}
