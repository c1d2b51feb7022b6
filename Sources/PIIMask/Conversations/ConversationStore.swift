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
        var key: UInt64
        var tail: [UInt8]
        var lastSeen: Double
        var newer = -1
        var older = -1
    }

    let limits: ConversationLimits
    /// Slots by a 64-bit hash of the id (FNV-1a); the id itself is compared on a hit.
    private var index: [UInt64: Int] = [:]
    private var entries: [Entry] = []
    private var free: [Int] = []
    /// The most recently seen entry, and the least.
    private var newest = -1
    private var oldest = -1
    var counters = ConversationCounters()

    init(limits: ConversationLimits) {
        self.limits = limits
    }

    /// The slot of conversation `id`, seen at `now` (made the most recent), created with an
    /// empty tail when it is not tracked (dropping the least recently seen when full).
    mutating func slot(for id: UnsafeRawBufferPointer, now: Double) -> Int {
        expire(now: now)
        var key = Self.hash(id)
        // A different id with the same hash (rare) takes the next key.
        while let slot = index[key] {
            if entries[slot].id.elementsEqual(id) {
                entries[slot].lastSeen = now
                unlink(slot)
                linkNewest(slot)
                return slot
            }
            key &+= 1
        }
        if index.count >= limits.capacity, oldest >= 0 {
            remove(oldest)
            counters.evicted += 1
            key = Self.freeKey(for: id, in: index)
        }
        let entry = Entry(id: Array(id), key: key, tail: [], lastSeen: now)
        let slot: Int
        if let reused = free.popLast() {
            entries[reused] = entry
            slot = reused
        } else {
            entries.append(entry)
            slot = entries.count - 1
        }
        index[key] = slot
        linkNewest(slot)
        counters.tracked = index.count
        return slot
    }

    /// FNV-1a over the id's bytes.
    private static func hash(_ id: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// The first free key from the id's hash on.
    private static func freeKey(for id: UnsafeRawBufferPointer, in index: [UInt64: Int]) -> UInt64 {
        var key = hash(id)
        while index[key] != nil { key &+= 1 }
        return key
    }

    /// The tail kept in `slot`. (Mutating only so that a store held in a class is accessed
    /// in place, not copied with all its storage retained.)
    mutating func tail(_ slot: Int) -> [UInt8] { entries[slot].tail }

    /// Keeps, in `slot`, the last `tailBytes` of the tail joined with `text` (as
    /// `MaskingWorker.join` joins them).
    mutating func append(_ text: UnsafeRawBufferPointer, to slot: Int) {
        var tail = entries[slot].tail
        entries[slot].tail = []
        if text.count >= Self.tailBytes {
            tail.removeAll(keepingCapacity: true)
            tail.append(contentsOf: text[(text.count - Self.tailBytes)...])
        } else {
            if let last = tail.last, let first = text.first, MaskingWorker.joinsWithSpace(last, first) { tail.append(0x20) }
            tail.append(contentsOf: text)
            if tail.count > Self.tailBytes { tail.removeFirst(tail.count - Self.tailBytes) }
        }
        entries[slot].tail = tail
    }

    /// Forgets conversation `id` (it ended).
    mutating func end(_ id: [UInt8]) {
        var key = id.withUnsafeBytes { Self.hash($0) }
        while let slot = index[key] {
            if entries[slot].id == id {
                remove(slot)
                counters.ended += 1
                return
            }
            key &+= 1
        }
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
        index[entries[slot].key] = nil
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
