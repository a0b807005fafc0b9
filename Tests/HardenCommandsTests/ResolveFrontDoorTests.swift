import Foundation
import Testing

@testable import HardenCommands

/// `harden resolve REF...` is answered without swift-argument-parser; the answer must be the parsed command's.
@Suite("resolve's front door")
struct ResolveFrontDoorTests {
    @Test(
        "plain references are answered as the parsed command answers them",
        arguments: [
            ["nginx:1.27"], ["nginx", "redis:7-alpine"], ["ghcr.io/acme/api"], ["Nginx:latest"],
            ["nginx", "Bad Ref", "ghcr.io/acme/api", "docker.io/library/postgres:16"],
        ])
    func sameAnswerAsTheParsedCommand(references: [String]) throws {
        let harness = try CommandHarness()
        #expect(ResolveCommand.plainReferences(["resolve"] + references) == references)
        let direct = harness.run(["resolve"] + references)
        // The same request taken through the parser, with every option at its default: `--` ends the options.
        let parsed = harness.run(["resolve", "--"] + references)
        #expect(direct.status == parsed.status)
        #expect(direct.stdout == parsed.stdout)
        #expect(direct.stderr == parsed.stderr)
        #expect(!direct.stdout.isEmpty || !direct.stderr.isEmpty)
    }

    @Test("the knowledge base named by the environment is the one read")
    func environmentChoosesTheKnowledgeBase() throws {
        let harness = try CommandHarness()
        let seeds = harness.cache.file("team")
        let dockerfile = harness.cache.file("Dockerfile")
        try "FROM alpine:3.20\nUSER 1300\n".write(toFile: dockerfile, atomically: true, encoding: .utf8)
        let created = harness.run([
            "entries", "new", "registry.example.com/team/svc", "--from-file", dockerfile, "--write", "--seed-data",
            seeds,
        ])
        #expect(created.status == 0, "\(created.stderr)")
        let overlaid = harness.run(
            ["resolve", "registry.example.com/team/svc:1"], environment: ["HARDEN_SEED_DIRS": seeds])
        #expect(overlaid.status == 0, "\(overlaid.stderr)")
        #expect(overlaid.stdout.contains("registry.example.com/team/svc is a knowledge-base entry"))

        let missing = harness.cache.file("absent.sqlite")
        let direct = harness.run(["resolve", "nginx"], environment: ["HARDEN_DB": missing])
        let parsed = harness.run(["resolve", "--", "nginx"], environment: ["HARDEN_DB": missing])
        #expect(direct.status == 4)
        #expect(direct.stderr.contains("neither --db nor HARDEN_DB"))
        #expect(direct.status == parsed.status)
        #expect(direct.stderr == parsed.stderr)
    }

    @Test(
        "anything but plain references goes through the parser",
        arguments: [
            ["resolve"], ["resolve", "-"], ["resolve", "--", "nginx"], ["resolve", "nginx", "-o", "json"],
            ["resolve", "--db", "x", "nginx"],
            ["resolve", "help"], ["resolve", ""], ["resolve", "nginx", "--help"], ["generate", "nginx"],
            ["help", "resolve"], [],
        ])
    func otherArgumentsAreParsed(arguments: [String]) {
        #expect(ResolveCommand.plainReferences(arguments) == nil)
    }
}
