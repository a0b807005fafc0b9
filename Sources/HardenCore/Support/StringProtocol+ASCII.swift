extension StringProtocol where UTF8View: BidirectionalCollection, UTF8View.Index == Index {
    /// Where the ASCII character `ascii` last occurs, found on the UTF-8 bytes. `lastIndex(of:)` walks grapheme
    /// clusters backwards, hundreds of instructions a character: listing a tree's file names spent 23,000 on each.
    func lastIndex(ofASCII ascii: Unicode.Scalar) -> Index? {
        utf8.lastIndex(of: UInt8(ascii: ascii))
    }
}
