import ArgumentParser
import PIIMask

/// Resolves `--field`: the policy of that category, the default policy when none is
/// given, and a usage error (exit 2) listing the valid ids for an unknown one.
enum FieldOption {
    static func policy(_ field: String?, in masker: Masker) throws -> FieldPolicy {
        guard let field else { return masker.defaultPolicy }
        guard let policy = masker.policy(named: field) else {
            Diagnostics.error("unknown field category '\(field)'; valid ones: \(masker.fieldIDs.joined(separator: ", "))")
            throw ExitCode(ExitStatus.usage)
        }
        return policy
    }
}
