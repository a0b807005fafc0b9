/// A Secret written as `stringData`, so that its values are readable text to fill in.
public struct Secret: Codable, Sendable, Equatable {
    public var apiVersion = "v1"
    public var kind = "Secret"
    public var metadata: ObjectMeta
    public var type = "Opaque"
    public var stringData: OrderedStringMap

    public init(metadata: ObjectMeta, stringData: OrderedStringMap) {
        self.metadata = metadata
        self.stringData = stringData
    }
}
