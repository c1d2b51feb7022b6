/// What piimask keeps of each conversation between its messages: the last bytes of its chat
/// text, so that a value typed across messages is seen whole. Bounded: at most `capacity`
/// conversations (the least recently seen is dropped first) and `timeToLive` seconds since a
/// conversation was last seen; a conversation is dropped at once when it ends.
///
/// Memory: at most `capacity` × (`ConversationStore.tailBytes` + the id) bytes.
///
/// - Complexity: O(1) per message (a hash lookup and a list move).
public struct ConversationLimits: Sendable, Equatable {
    /// The most conversations tracked at once.
    public var capacity: Int
    /// Seconds after which a conversation not seen is forgotten.
    public var timeToLive: Double

    /// Creates limits (defaults: 100,000 conversations, 30 minutes).
    public init(capacity: Int = 100_000, timeToLive: Double = 1_800) {
        self.capacity = max(1, capacity)
        self.timeToLive = timeToLive
    }
}

/// Counts of what the conversation store did, for `--stats`.
public struct ConversationCounters: Sendable, Equatable {
    /// Conversations being tracked now.
    public var tracked = 0
    /// Conversations dropped because the store was full (least recently seen first).
    public var evicted = 0
    /// Conversations dropped because they were not seen for the time to live.
    public var expired = 0
    /// Conversations dropped because they ended.
    public var ended = 0
    /// Values found across two or more messages.
    public var splitValues = 0
    /// Trailing parts of messages masked as the start of a value (protected first fragments).
    public var partialValues = 0

    /// Creates zero counters.
    public init() {}
}

/// An LRU map from conversation id to the conversation's tail, with a time to live.
/// Not thread-safe: one per stream (messages of a conversation are handled in order).
struct ConversationStore {
    /// How many bytes of a conversation's text are kept.
    static let tailBytes = 96

    private struct Entry {
        var id: [UInt8]
        var tail: [UInt8]
        var lastSeen: Double
        var newer = -1
        var older = -1
    }

    let limits: ConversationLimits
    private var index: [[UInt8]: Int] = [:]
    private var entries: [Entry] = []
    private var free: [Int] = []
    /// The most recently seen entry, and the least.
    private var newest = -1
    private var oldest = -1
    var counters = ConversationCounters()

    init(limits: ConversationLimits) {
        self.limits = limits
    }

    /// The tail kept for conversation `id` (empty when none, or expired at `now`).
    mutating func tail(of id: [UInt8], now: Double) -> [UInt8] {
        expire(now: now)
        guard let slot = index[id] else { return [] }
        return entries[slot].tail
    }

    /// Keeps `tail` (its last `tailBytes`) for conversation `id`, seen at `now`.
    mutating func store(_ tail: ArraySlice<UInt8>, for id: [UInt8], now: Double) {
        let kept = Array(tail.suffix(Self.tailBytes))
        if let slot = index[id] {
            entries[slot].tail = kept
            entries[slot].lastSeen = now
            unlink(slot)
            linkNewest(slot)
            return
        }
        if index.count >= limits.capacity, oldest >= 0 {
            remove(oldest)
            counters.evicted += 1
        }
        let entry = Entry(id: id, tail: kept, lastSeen: now)
        let slot: Int
        if let reused = free.popLast() {
            entries[reused] = entry
            slot = reused
        } else {
            entries.append(entry)
            slot = entries.count - 1
        }
        index[id] = slot
        linkNewest(slot)
        counters.tracked = index.count
    }

    /// Forgets conversation `id` (it ended).
    mutating func end(_ id: [UInt8]) {
        guard let slot = index[id] else { return }
        remove(slot)
        counters.ended += 1
    }

    /// Drops the conversations not seen since `now - timeToLive`.
    private mutating func expire(now: Double) {
        while oldest >= 0, now - entries[oldest].lastSeen > limits.timeToLive {
            remove(oldest)
            counters.expired += 1
        }
    }

    private mutating func remove(_ slot: Int) {
        unlink(slot)
        index[entries[slot].id] = nil
        entries[slot].id = []
        entries[slot].tail = []
        free.append(slot)
        counters.tracked = index.count
    }

    private mutating func unlink(_ slot: Int) {
        let (newer, older) = (entries[slot].newer, entries[slot].older)
        if newer >= 0 { entries[newer].older = older } else { newest = older }
        if older >= 0 { entries[older].newer = newer } else { oldest = newer }
        entries[slot].newer = -1
        entries[slot].older = -1
    }

    private mutating func linkNewest(_ slot: Int) {
        entries[slot].older = newest
        entries[slot].newer = -1
        if newest >= 0 { entries[newest].newer = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }
}
