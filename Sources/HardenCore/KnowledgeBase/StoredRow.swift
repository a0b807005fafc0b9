import Foundation
import GRDB
import GRDBSQLite

/// The row a statement is stepped to, as SQLite stores it.
enum StoredRow {
    /// The row's `ApproximateSize` charge, once every value is checked against its column's declared type.
    ///
    /// Rows are decoded straight from the statement, where SQLite converts a value to the type asked for: a uid
    /// stored as 'abc' would read as 0 (root). So a value stored as anything but its column's INTEGER or TEXT (or
    /// NULL) is damage. The charge is what `ApproximateSize.of(_:)` charges the model values built from the row: a
    /// slot per column and the bytes of each text or blob. Only sizes are asked of SQLite: no value is read twice.
    static func checkedCharge(of statement: Statement) throws(DamagedValue) -> Int {
        let row = statement.sqliteStatement
        var total = 0
        for column in 0..<sqlite3_column_count(row) {
            total += ApproximateSize.slot
            let stored = sqlite3_column_type(row, column)
            if stored == SQLITE_TEXT || stored == SQLITE_BLOB {
                // Asked of a number, sqlite3_column_bytes would convert it to text in place.
                total += Int(sqlite3_column_bytes(row, column))
            }
            if let expected = storageClass(declared: sqlite3_column_decltype(row, column)), stored != expected,
                stored != SQLITE_NULL
            {
                let name = String(cString: sqlite3_column_name(row, column))
                let text = sqlite3_column_text(row, column).map { String(cString: $0) } ?? ""
                throw DamagedValue(column: name, value: text)
            }
        }
        return total
    }

    /// The storage class a value of a column declared so must have (the schema declares only these two types);
    /// nil for an expression, which has no declared type.
    private static func storageClass(declared: UnsafePointer<CChar>?) -> Int32? {
        guard let declared else { return nil }
        if strcmp(declared, "INTEGER") == 0 { return SQLITE_INTEGER }
        if strcmp(declared, "TEXT") == 0 { return SQLITE_TEXT }
        return nil
    }
}
