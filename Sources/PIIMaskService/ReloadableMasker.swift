import Dispatch
import Logging
import PIIMask
import Synchronization

/// The masker of a long-running mode, whose rules can be reloaded without a restart.
///
/// Request handlers read `current` (a lock held only to copy one reference) and keep using
/// the masker they got, so a reload never changes the rules in the middle of a value. A
/// reload reads and compiles the rule files on a Dispatch thread, off the hot path and off
/// Swift's cooperative pool, then swaps the new masker in atomically. A broken file keeps
/// the old masker, logs the error (file, line, rule id — never input text) and counts a
/// failed reload.
///
/// ```swift
/// let holder = try ReloadableMasker(configuration: RuleConfiguration(paths: ["my-rules/"]))
/// holder.current.mask("call +447966197542")
/// if case .failed(let error) = await holder.reload() { print(error) }
/// ```
public final class ReloadableMasker: Sendable {
    /// The rule files this holder (re)loads.
    public let configuration: RuleConfiguration
    private let metrics: MaskingMetrics
    private let logger: Logger
    private let state: Mutex<State>

    private struct State {
        var masker: Masker
        /// The token keys read with `masker`'s rules (nil: no key file).
        var keys: TokenKeyRing?
        /// The ticket of the build that produced `masker` (0: the initial one).
        var installedTicket = 0
        var nextTicket = 1
        var status = ReloadStatus()
    }

    /// Builds the first masker; a broken rule file here is a start-up error.
    ///
    /// - Throws: `RuleError` for the first problem in the rule files.
    public init(configuration: RuleConfiguration, metrics: MaskingMetrics = MaskingMetrics(),
                logger: Logger = Logger(label: "piimask.rules")) throws(RuleError) {
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        let (masker, keys) = try configuration.load()
        state = Mutex(State(masker: masker, keys: keys))
    }

    /// Wraps an already built masker (for embedding and tests), its token masks bound to
    /// `keys` if any; `reload()` reads `configuration`.
    public init(masker: Masker, keys: TokenKeyRing? = nil, configuration: RuleConfiguration,
                metrics: MaskingMetrics = MaskingMetrics(), logger: Logger = Logger(label: "piimask.rules")) {
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        state = Mutex(State(masker: masker, keys: keys))
    }

    /// The masker in effect now. Keep the reference for the whole of one request or value.
    public var current: Masker {
        state.withLock { $0.masker }
    }

    /// The token keys read with the rules in effect (nil: no key file): a reload reads the
    /// key file again, so a rotated key takes effect with the rules.
    public var tokenKeys: TokenKeyRing? {
        state.withLock { $0.keys }
    }

    /// Counts of reloads so far and the last failure.
    public var status: ReloadStatus {
        state.withLock { $0.status }
    }

    /// Reads the rule files again and, if they load, swaps the new masker in.
    ///
    /// Concurrent reloads are safe: a build that finishes after a later-started one is
    /// discarded, so the masker in effect is always from the newest successful read.
    public func reload() async -> ReloadOutcome {
        let ticket = takeTicket()
        let configuration = configuration
        let built: Result<(masker: Masker, keys: TokenKeyRing?), RuleError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { () throws(RuleError) in try configuration.load() })
            }
        }
        return install(built, ticket: ticket)
    }

    /// `reload()` on the calling thread, which it blocks until the new rules are in effect
    /// (or have failed): for a thread of its own, such as the filter's SIGHUP thread, that
    /// must know when the reload is done. Never call it from Swift's cooperative pool.
    public func reloadBlocking() -> ReloadOutcome {
        let ticket = takeTicket()
        return install(Result { () throws(RuleError) in try configuration.load() }, ticket: ticket)
    }

    private func takeTicket() -> Int {
        state.withLock { state in
            defer { state.nextTicket += 1 }
            return state.nextTicket
        }
    }

    private func install(_ built: Result<(masker: Masker, keys: TokenKeyRing?), RuleError>, ticket: Int) -> ReloadOutcome {
        switch built {
        case .success(let (masker, keys)):
            state.withLock { state in
                state.status.succeeded += 1
                if ticket > state.installedTicket {
                    state.masker = masker
                    state.keys = keys
                    state.installedTicket = ticket
                }
            }
            metrics.recordReload(succeeded: true)
            logger.info("rules reloaded", metadata: ["rules": .stringConvertible(masker.ruleSet.rules.count),
                                                     "fields": .stringConvertible(masker.fieldIDs.count)])
            return .reloaded(rules: masker.ruleSet.rules.count, fields: masker.fieldIDs.count)
        case .failure(let error):
            state.withLock { state in
                state.status.failed += 1
                state.status.lastError = error.description
            }
            metrics.recordReload(succeeded: false)
            logger.error("rule reload failed, keeping the rules in effect", metadata: ["error": "\(error.description)"])
            return .failed(error)
        }
    }
}

/// What one reload did.
public enum ReloadOutcome: Sendable {
    /// The new rules are in effect: how many rules (enabled or not) and field categories.
    case reloaded(rules: Int, fields: Int)
    /// The rule files did not load; the previous rules stay in effect.
    case failed(RuleError)
}

/// Reload counts of a `ReloadableMasker`.
public struct ReloadStatus: Sendable, Equatable {
    /// Reloads that put new rules in effect.
    public var succeeded = 0
    /// Reloads that failed and kept the previous rules.
    public var failed = 0
    /// The error of the last failed reload (`file:line: rule id: problem`), if any.
    public var lastError: String?

    /// Creates counts (zero by default).
    public init(succeeded: Int = 0, failed: Int = 0, lastError: String? = nil) {
        self.succeeded = succeeded
        self.failed = failed
        self.lastError = lastError
    }
}
