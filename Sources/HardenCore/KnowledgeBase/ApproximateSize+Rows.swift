import GRDB

extension ApproximateSize {
    /// Rows read from the knowledge base, charged as `of(_:)` charges the model values built from them: a slot per
    /// column and the bytes of each text or blob.
    static func of(rows: [Row]) -> Int {
        rows.reduce(0) { total, row in
            row.databaseValues.reduce(total) { sum, value in
                switch value.storage {
                case .string(let text): sum + slot + text.utf8.count
                case .blob(let data): sum + slot + data.count
                case .null, .int64, .double: sum + slot
                }
            }
        }
    }
}
