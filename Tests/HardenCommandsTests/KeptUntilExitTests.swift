import HardenCommands
import Testing

/// The process keeps the knowledge base its command opened until it exits, by the front door and by the parser
/// alike; a context without a keeper (every other test's) closes it as usual.
@Suite("Knowledge bases kept until exit")
struct KeptUntilExitTests {
    @Test(arguments: [["resolve", "nginx:1.27"], ["resolve", "--", "nginx:1.27"], ["generate", "redis"]])
    func theCommandsKnowledgeBaseIsKept(arguments: [String]) throws {
        let harness = try CommandHarness()
        let kept = KeptUntilExit()
        let result = harness.run(arguments, keptUntilExit: kept)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(kept.count == 1)
    }

    @Test func theProcessContextKeepsForTheProcess() {
        #expect(CommandContext.process.keptUntilExit === KeptUntilExit.process)
    }

    @Test func aKnowledgeBaseThatFailsToOpenIsNotKept() throws {
        let harness = try CommandHarness()
        let kept = KeptUntilExit()
        let result = harness.run(
            ["resolve", "nginx:1.27"], environment: ["HARDEN_DB": harness.cache.file("absent.sqlite")],
            keptUntilExit: kept)
        #expect(result.status != 0)
        #expect(kept.count == 0)
    }
}
