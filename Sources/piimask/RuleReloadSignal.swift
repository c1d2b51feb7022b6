import Glibc
import PIIMask
import PIIMaskService
import Synchronization

/// Whether SIGHUP arrived since the last look.
private let reloadRequested = Atomic<Bool>(false)

/// SIGHUP reloads the filter's rule files while it runs, instead of ending it: the rules are
/// read and compiled off the masking thread (`ReloadableMasker`), and the next block of
/// input is masked with them. A broken file keeps the rules in effect; the error (file,
/// line, rule id — never input text) goes to standard error.
enum RuleReloadSignal {
    /// Installs the handler (with `SA_RESTART`: a read in progress goes on).
    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in reloadRequested.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGHUP, &action, nil)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGHUP)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// The masker to use now: starts a reload when SIGHUP arrived, and hands out the newest
    /// successfully loaded masker.
    static func current(_ holder: ReloadableMasker) -> Masker {
        if reloadRequested.exchange(false, ordering: .relaxed) {
            Task.detached {
                switch await holder.reload() {
                case .reloaded(let rules, let fields):
                    Diagnostics.write("piimask: rules reloaded (\(rules) rules, \(fields) field categories)\n")
                case .failed(let error):
                    Diagnostics.error("rule reload failed, keeping the rules in effect: \(error.description)")
                }
            }
        }
        return holder.current
    }
}
