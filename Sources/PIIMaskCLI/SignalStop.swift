import Glibc
import Synchronization

/// The signal that asked the filter to stop (0: none).
private let receivedSignal = Atomic<Int32>(0)
/// The thread that reads input: the signal must interrupt its `read`.
nonisolated(unsafe) private var readingThread = pthread_self()

/// SIGINT and SIGTERM ask the filter to finish: the read in progress is interrupted (no
/// `SA_RESTART`), every line already read is masked and written, and then piimask exits
/// with status 128 + the signal number.
enum SignalStop {
    /// Installs the handlers; call it on the thread that will read input.
    static func install() {
        readingThread = pthread_self()
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                receivedSignal.store(number, ordering: .relaxed)
                // Delivered to a worker thread: pass it on, so that the blocked read returns.
                if pthread_equal(pthread_self(), readingThread) == 0 {
                    pthread_kill(readingThread, number)
                }
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
            sigaddset(&unblock, signal)
        }
        // A parent may have started piimask with these signals blocked.
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// Whether a stop was asked for.
    static func requested() -> Bool {
        receivedSignal.load(ordering: .relaxed) != 0
    }

    /// Exits with 128 + the signal number if a stop was asked for.
    static func exitIfRequested() {
        let number = receivedSignal.load(ordering: .relaxed)
        if number != 0 { exit(128 + number) }
    }
}
