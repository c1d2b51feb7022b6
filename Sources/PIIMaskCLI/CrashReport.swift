import Glibc

/// What piimask prints when it dies of a fault (a trap, a bad access, an abort): one fixed
/// line, then the process ends by the same signal (exit status 128 + its number, a core
/// dump where the system keeps them).
///
/// The Swift runtime's backtracer would otherwise print the crashed thread's registers and
/// the memory around them, which hold the bytes of the line being masked. Installed first
/// thing in `main`, these handlers replace the backtracer's, whatever `SWIFT_BACKTRACE` says.
enum CrashReport {
    /// The signals of a fault.
    static let signals: [Int32] = [SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV]

    /// Installs the handlers, on an alternate stack so that a stack overflow still reports.
    static func install() {
        let stackSize = 64 * 1024
        if let memory = malloc(stackSize) {
            var stack = stack_t()
            stack.ss_sp = memory
            stack.ss_size = stackSize
            stack.ss_flags = 0
            sigaltstack(&stack, nil)
        }
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in signals {
            sigaddset(&unblock, signal)
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                // Only async-signal-safe calls: a static message, then the default action.
                let message: StaticString = "piimask: fatal internal error (the process stopped on a fault; no input is shown)\n"
                _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(bitPattern: UInt32(SA_RESETHAND)) | SA_ONSTACK
            sigaction(signal, &action, nil)
        }
        // A parent may have started piimask with some of them blocked.
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }
}
