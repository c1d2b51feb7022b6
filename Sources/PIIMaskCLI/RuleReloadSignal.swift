import Foundation
import Glibc
import PIIMask
import PIIMaskService
import Synchronization

/// SIGHUPs received so far (counted by the signal handler).
private let hangups = Atomic<Int>(0)
/// The write end of the pipe by which the handler wakes the reloading thread.
private let wakeDescriptor = Atomic<Int32>(-1)

/// SIGHUP reloads the filter's rule files while it runs, instead of ending it. A thread of
/// its own reads and compiles the rules as soon as the signal arrives — also while the
/// filter waits for input — and a block read after the signal waits for that reload, so the
/// first line after a SIGHUP is masked with the new rules. A broken file keeps the rules in
/// effect; the error (file, line, rule id — never input text) goes to standard error.
final class RuleReloadSignal: Sendable {
    private let holder: ReloadableMasker
    /// The number of SIGHUPs whose reload is done.
    private let done = Mutex<Int>(0)
    private let finished = NSCondition()

    private init(holder: ReloadableMasker) {
        self.holder = holder
    }

    /// Installs the handler (with `SA_RESTART`: a read in progress goes on) and starts the
    /// thread that reloads `holder`.
    static func install(reloading holder: ReloadableMasker) -> RuleReloadSignal {
        let reloads = RuleReloadSignal(holder: holder)
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { fatalError("piimask: cannot create the SIGHUP pipe") }
        wakeDescriptor.store(ends[1], ordering: .sequentiallyConsistent)
        let readEnd = ends[0]
        let thread = Thread { reloads.serve(wakeUpsFrom: readEnd) }
        thread.name = "piimask SIGHUP"
        thread.start()
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            let saved = errno
            hangups.add(1, ordering: .sequentiallyConsistent)
            var byte: UInt8 = 1
            _ = Glibc.write(wakeDescriptor.load(ordering: .sequentiallyConsistent), &byte, 1)
            errno = saved
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGHUP, &action, nil)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGHUP)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        return reloads
    }

    /// SIGHUP changes nothing (token masks are bound to their keys at start-up); it does
    /// not end the filter either.
    static func ignore() {
        signal(SIGHUP, SIG_IGN)
    }

    /// The masker to use now: the newest successfully loaded one, once the reload of every
    /// SIGHUP received so far is done.
    func current() -> Masker {
        let wanted = hangups.load(ordering: .sequentiallyConsistent)
        finished.lock()
        while done.withLock({ $0 }) < wanted { finished.wait() }
        finished.unlock()
        return holder.current
    }

    /// The reloading thread: one reload per wake-up, covering every SIGHUP counted by then.
    private func serve(wakeUpsFrom descriptor: Int32) {
        var bytes = [UInt8](repeating: 0, count: 64)
        while true {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            let covered = hangups.load(ordering: .sequentiallyConsistent)
            guard covered > done.withLock({ $0 }) else { continue }
            switch holder.reloadBlocking() {
            case .reloaded(let rules, let fields):
                Diagnostics.write("piimask: rules reloaded (\(rules) rules, \(fields) field categories)\n")
            case .failed(let error):
                Diagnostics.error("rule reload failed, keeping the rules in effect: \(error.description)")
            }
            finished.lock()
            done.withLock { $0 = covered }
            finished.broadcast()
            finished.unlock()
        }
    }
}
