import ServiceLifecycle
import UnixSignals

/// A service that reloads the rules of a `ReloadableMasker` on every SIGHUP, until the
/// service group shuts down. Run it in the same `ServiceGroup` as the server or worker.
///
/// Making it traps the signals at once (SIGHUP's default action, terminate, is replaced for
/// the whole process): make it before the group starts, so that a SIGHUP sent as soon as
/// the server says it listens reloads instead of ending the process. A signal that arrives
/// before `run()` is held and reloads when it starts.
public struct RuleReloadService: Service {
    private let holders: [ReloadableMasker]
    private let received: UnixSignalsSequence

    /// Reloads `holder` on each of `signals` (default: SIGHUP); traps them on return.
    public init(holder: ReloadableMasker, signals: [UnixSignal] = [.sighup]) async {
        await self.init(holders: [holder], signals: signals)
    }

    /// Reloads every one of `holders` (each independently: one broken file keeps only its
    /// own rules) on each of `signals` (default: SIGHUP); traps them on return.
    public init(holders: [ReloadableMasker], signals: [UnixSignal] = [.sighup]) async {
        self.holders = holders
        received = await UnixSignalsSequence(trapping: signals)
    }

    /// Waits for signals and reloads; returns at graceful shutdown.
    public func run() async throws {
        for await _ in received.cancelOnGracefulShutdown() {
            for holder in holders { _ = await holder.reload() }
        }
    }
}
