import ArgumentParser
import Foundation
import HardenCore

/// `harden fix PATH...`: hardened manifests that still work for their images.
struct FixCommand: HardenCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Rewrite manifests hardened: security contexts, the volumes each image needs, no shadowing mounts.",
        discussion: """
            Prints the fixed manifests (every file, in order) unless --write rewrites them in place (atomically) or
            --patch prints Kustomize strategic-merge patches instead, leaving the files untouched. The text is edited
            in place: only lines that carry a change differ; comments, key order, quoting, flow style and document
            separators stay (where a change touches anchored or merged content, the file is re-emitted and stderr
            says so). Fixing a fixed file changes nothing. What changed goes to stderr.
            A change that would move where an existing workload keeps its persistent data (PGDATA into a
            subdirectory, a new volume over a data directory) is never applied: it is printed as a manual migration
            with the commands, and what needs no migration is applied instead.
            --check only reports, --diff prints a unified diff; both exit 1 when fix would change something (for CI).
            Exit code: 0; 1 with --check or --diff when there are changes; 2 when a migration was withheld (unless
            --allow-migrations); 3 when some input could not be read or written (the other files are still fixed).
            """
    )

    @OptionGroup var knowledgeBase: KnowledgeBaseOptions
    @OptionGroup var inferredImages: InferredImageOptions

    @Flag(help: "Rewrite the files in place (atomically).")
    var write = false

    @Flag(help: "Print Kustomize strategic-merge patches instead of whole manifests.")
    var patch = false

    @Flag(help: "Print a unified diff of what fix would change, and exit 1 when it would change something.")
    var diff = false

    @Flag(help: "Only report what fix would change (on stderr), and exit 1 when it would change something.")
    var check = false

    @Flag(help: "Exit 0 even when a data migration was withheld (you have read the migration steps).")
    var allowMigrations = false

    @Option(help: ArgumentHelp("Skip files matching a glob in directories (repeatable).", valueName: "glob"))
    var exclude: [String] = []

    @Argument(help: ArgumentHelp("Manifest files or directories, or - for standard input.", valueName: "path"))
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name a manifest file or directory, or - for standard input") }
        if [write, patch, diff, check].filter({ $0 }).count > 1 {
            throw ValidationError("--write, --patch, --diff and --check exclude each other: choose one")
        }
        if write && paths.contains("-") { throw ValidationError("--write cannot rewrite standard input") }
        for path in paths where write {
            guard let kind = TextFile.special(path) else { continue }
            throw ValidationError(
                "--write cannot rewrite \(Quoted.brief(path)), which is \(kind): leave --write out to print the fixes")
        }
    }

    func run(in context: CommandContext) throws -> Int32 {
        let read = ManifestInput.read(paths, stdin: context.readStandardInput, exclude: exclude)
        for skipped in read.skipped { context.standardError.line("# \(skipped)") }
        let fixer = ManifestFixer(
            auditor: Auditor(
                resolver: Resolver(knowledgeBase: try knowledgeBase.open(in: context)),
                inferred: try inferredImages.load(in: context)))
        var problems = read.problems.map(\.description)
        var outputs: [String] = []
        var migrations = 0
        var changed = 0
        let fixedFiles = try fixer.fix(read.inputs, patches: patch)
        let notes = FixNotes.render(fixedFiles)
        for (index, (input, fixed)) in zip(read.inputs, fixedFiles).enumerated() {
            problems += fixed.problems.map(\.description)
            // One write per file, not per note.
            if !notes[index].isEmpty { context.standardError.write(notes[index]) }
            migrations += fixed.migrations.count
            if fixed.fixed != nil { changed += 1 }
            if check { continue }
            if diff {
                if let text = fixed.fixed {
                    let name = input.file == "<stdin>" ? "stdin" : String(input.file.drop(while: { $0 == "/" }))
                    context.standardOutput.write(
                        UnifiedDiff.make(
                            from: input.text, to: text, oldName: UnifiedDiff.quotedName("a/\(name)"),
                            newName: UnifiedDiff.quotedName("b/\(name)")))
                }
                continue
            }
            if patch {
                outputs += fixed.patches
            } else if write {
                do {
                    if let text = fixed.fixed { try AtomicFile.write(text, to: input.file) }
                } catch {
                    problems.append(error.description)
                }
            } else {
                outputs.append(fixed.fixed ?? fixed.original)
            }
        }
        if !outputs.isEmpty {
            // One stream of documents: each file's own leading "---" is dropped, so files join with exactly one.
            for (index, text) in outputs.enumerated() {
                let body = text.hasPrefix("---\n") ? String(text.dropFirst(4)) : text
                context.standardOutput.write((index == 0 ? "" : "---\n") + body + (body.hasSuffix("\n") ? "" : "\n"))
            }
        }
        for problem in problems { context.standardError.line("harden: \(problem)") }
        if !problems.isEmpty { return ExitStatus.invalidInput }
        if (check || diff) && changed > 0 {
            context.standardError.line("harden: fix would change \(changed) file(s)")
            return ExitStatus.failure
        }
        if migrations > 0 && !allowMigrations {
            context.standardError.line(
                "harden: \(migrations) change(s) that would move existing data were NOT applied; migrate by hand as shown, or pass --allow-migrations to accept the fix without them"
            )
            return ExitStatus.notFound
        }
        return ExitStatus.success
    }
}
