/// harden's version, said by `harden --version`, `harden version`, `/healthz` and SARIF reports: one place.
public enum HardenVersion {
    public static let current = "0.1.0"
}
