/// The well-known ports of database and cache wire protocols. Compose and docker run publish these on 127.0.0.1
/// only: a published port listens on every interface of the host (Docker's own firewall rules even bypass ufw),
/// and a database serves the applications beside it, not the network. Another port is published as before.
enum DatabasePorts {
    static let wellKnown: Set<Int> = [
        1433,  // SQL Server
        1521,  // Oracle
        2379, 2380,  // etcd
        3306,  // MySQL, MariaDB
        5432,  // PostgreSQL
        5984,  // CouchDB
        6379,  // Redis, Valkey
        7687,  // Neo4j Bolt
        8086,  // InfluxDB
        9042,  // Cassandra CQL
        9200, 9300,  // Elasticsearch, OpenSearch
        11211,  // memcached
        26257,  // CockroachDB
        27017,  // MongoDB
    ]

    /// `-p`/`ports:` text for a port: `127.0.0.1:5432:5432` for a database, `80:80` otherwise; `/udp` when not TCP.
    static func publish(_ port: PlannedPort) -> String {
        let suffix = port.protocol == "TCP" ? "" : "/\(port.protocol.lowercased())"
        let host = wellKnown.contains(port.port) ? "127.0.0.1:" : ""
        return "\(host)\(port.port):\(port.port)\(suffix)"
    }
}
