import Foundation
import Testing

@testable import HardenServer

@Suite("Request deadlines")
struct DeadlineTests {
    @Test func slowWorkIsAnsweredWithATimeout() async throws {
        await #expect {
            _ = try await Deadline.run(limit: .milliseconds(50)) { Thread.sleep(forTimeInterval: 0.5) }
        } throws: { error in
            (error as? APIError)?.code == "timeout" && (error as? APIError)?.status == .serviceUnavailable
        }
    }

    @Test func quickWorkReturnsItsValue() async throws {
        #expect(try await Deadline.run(limit: .seconds(5)) { 42 } == 42)
    }
}
