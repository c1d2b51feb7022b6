import Glibc

/// Idle `MaskingWorker`s, shared by the threads that call one `Masker`.
///
/// A plain pthread mutex rather than `Synchronization.Mutex`: on Linux a contended `Mutex`
/// hands over through the kernel (priority-inheritance futexes), where ThreadSanitizer
/// cannot see the ordering, so every worker passed between threads looked like a race.
/// `@unchecked Sendable`: `idle` is only touched with the mutex held.
final class WorkerPool: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var idle: [MaskingWorker] = []

    init() {
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// An idle worker, or nil when there is none.
    func pop() -> MaskingWorker? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return idle.popLast()
    }

    /// Gives a worker back.
    func push(_ worker: MaskingWorker) {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        idle.append(worker)
    }
}
