import PIIMask
import PIIMaskService

/// A named policy of `piimask serve --policy NAME=PATH`: its own rules, reloaded with the
/// server's, and its own metrics, labelled `policy=NAME`. A request selects it with the
/// header `Piimask-Policy: NAME` (or `GET /v1/rules?policy=NAME`).
public struct ServedPolicy: Sendable {
    /// The name, as given on the command line (never taken from a request).
    public let name: String
    /// The rules of the policy.
    public let masker: ReloadableMasker
    /// Where masking under the policy is recorded.
    public let metrics: MaskingMetrics

    /// A policy `name` with its masker and metrics.
    public init(name: String, masker: ReloadableMasker, metrics: MaskingMetrics) {
        self.name = name
        self.masker = masker
        self.metrics = metrics
    }

    /// Why `name` cannot name a policy, or nil: 1 to 64 ASCII letters, digits, `-`, `_` or
    /// `.`, and not `default` (the metrics' label of the rules used without a header).
    public static func problem(with name: String) -> String? {
        guard (1...64).contains(name.utf8.count),
              name.utf8.allSatisfy(PolicyNameBytes.allowed.contains) else {
            return "a policy name is 1 to 64 letters, digits, -, _ or ."
        }
        return name == defaultName ? "`default` names the rules used without a Piimask-Policy header" : nil
    }

    /// The `policy` label of the metrics of the rules used without a header.
    public static let defaultName = "default"
}

/// The bytes of a policy name.
private enum PolicyNameBytes {
    static let allowed = Set(Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.".utf8))
}

/// The policy the request being handled selected (nil: the default rules); set by
/// `PolicyMiddleware` around the handler and around the writing of its response body.
enum PolicyScope {
    @TaskLocal static var current: ServedPolicy?
}
