import ServiceLifecycle
import UnixSignals

/// A service that reloads the rules of a `ReloadableMasker` on every SIGHUP, until the
/// service group shuts down. Run it in the same `ServiceGroup` as the server or worker.
///
/// Installing it replaces SIGHUP's default action (terminate) for the whole process.
public struct RuleReloadService: Service {
    private let holders: [ReloadableMasker]
    private let signals: [UnixSignal]

    /// Reloads `holder` on each of `signals` (default: SIGHUP).
    public init(holder: ReloadableMasker, signals: [UnixSignal] = [.sighup]) {
        holders = [holder]
        self.signals = signals
    }

    /// Reloads every one of `holders` (each independently: one broken file keeps only its
    /// own rules) on each of `signals` (default: SIGHUP).
    public init(holders: [ReloadableMasker], signals: [UnixSignal] = [.sighup]) {
        self.holders = holders
        self.signals = signals
    }

    /// Waits for signals and reloads; returns at graceful shutdown.
    public func run() async throws {
        let received = await UnixSignalsSequence(trapping: signals)
        for await _ in received.cancelOnGracefulShutdown() {
            for holder in holders { _ = await holder.reload() }
        }
    }
}
