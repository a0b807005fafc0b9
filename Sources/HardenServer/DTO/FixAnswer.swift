import HardenCore

/// POST /v1/fix with Accept: application/json: what `harden fix` prints, as one object.
struct FixAnswer: Encodable, Sendable {
    /// The fixed manifest, or the manifest as sent when nothing needed changing.
    var fixed: String
    var changed: Bool
    /// What fix changed, object by object.
    var changes: [FixChange]
    /// Changes withheld because they would move where a workload keeps its data, with the commands that migrate
    /// it by hand; the fixed manifest applies what needs no migration instead.
    var migrations: [FixMigration]
    /// Set when the manifest could not be edited in place and was re-emitted (comments not kept): why.
    var formatting: String?
    /// The findings the fixed manifest still has: what fix cannot repair (an unknown image, a hostPath) and what it
    /// withheld, at most `QueryService.maxFindings` of them.
    var unfixed: [Finding]
    /// Findings left out of `unfixed` past the cap.
    var omittedFindings: Int

    init(_ file: FixedFile, remaining: AuditReport) {
        fixed = file.fixed ?? file.original
        changed = file.fixed != nil
        changes = file.changes
        migrations = file.migrations
        formatting = file.formatting
        unfixed = remaining.findings
        omittedFindings = remaining.omittedFindings
    }
}
