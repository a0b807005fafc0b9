/// The members of an uncompressed tar file (an oci-archive or a docker-archive), found by one pass over its
/// headers, each then read straight from its place in the file.
struct ArchiveIndex {
    private var members: [String: (offset: Int, size: Int)] = [:]
    let file: String

    init(file: String, limits: ImageLimits) throws(ImageError) {
        self.file = file
        let counted = CountingStream(try FileRegionStream(path: file))
        let head = try counted.read(exactly: 2)
        if head == [0x1f, 0x8b] {
            throw .malformed(
                "\(Quoted.brief(file, limit: 80)) is gzip-compressed: gunzip it first (harden reads a plain tar)")
        }
        let reader = TarReader(PrefixedStream(prefix: head, rest: counted), maxEntries: limits.totalEntries, name: file)
        var position: Int { counted.count }
        while let entry = try reader.next() {
            guard entry.kind == .file else { continue }
            members[entry.name] = (position, entry.size)
        }
    }

    func open(_ name: String) throws(ImageError) -> any ByteStream {
        var path = Substring(name)
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        guard let member = members[String(path)] else {
            throw .malformed("\(Quoted.brief(file, limit: 80)) has no member \(Quoted.brief(name, limit: 80))")
        }
        return try FileRegionStream(path: file, offset: member.offset, length: member.size)
    }
}
