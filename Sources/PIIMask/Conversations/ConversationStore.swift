import Glibc

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
///
/// The tails live in one buffer, `tailBytes` per slot, so that keeping a message's end is a
/// copy within it: no allocation or reference counting per message.
struct ConversationStore {
    /// How many bytes of a conversation's text are kept.
    static let tailBytes = 96

    private struct Entry {
        var id: [UInt8]
        var key: UInt64
        var tailCount = 0
        var lastSeen: Double
        var newer = -1
        var older = -1
    }

    let limits: ConversationLimits
    /// Slots by a 64-bit hash of the id (FNV-1a), open addressing with linear probing (-1:
    /// empty; at most half full); the id itself is compared on a hit.
    private var buckets = [Int](repeating: -1, count: 64)
    /// How many conversations are tracked.
    private var tracked = 0
    private var entries: [Entry] = []
    /// The tails: slot `n`'s at `n * tailBytes`, `entries[n].tailCount` bytes long.
    private var tails: [UInt8] = []
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
        // The conversation of the previous message, the most recently seen: a message often
        // follows one of its own conversation (no hash, no probe, no list move).
        if newest >= 0, Self.equal(entries[newest].id, id) {
            entries[newest].lastSeen = now
            return newest
        }
        let key = Self.hash(id)
        if let bucket = bucket(of: id, key: key) {
            let slot = buckets[bucket]
            entries[slot].lastSeen = now
            if slot != newest {
                unlink(slot)
                linkNewest(slot)
            }
            return slot
        }
        if tracked >= limits.capacity, oldest >= 0 {
            remove(oldest)
            counters.evicted += 1
        }
        let entry = Entry(id: Array(id), key: key, lastSeen: now)
        let slot: Int
        if let reused = free.popLast() {
            entries[reused] = entry
            slot = reused
        } else {
            entries.append(entry)
            tails.append(contentsOf: repeatElement(0, count: Self.tailBytes))
            slot = entries.count - 1
        }
        insert(slot, key: key)
        linkNewest(slot)
        counters.tracked = tracked
        return slot
    }

    /// The bucket holding conversation `id` (whose hash is `key`), or nil.
    private func bucket(of id: UnsafeRawBufferPointer, key: UInt64) -> Int? {
        let mask = buckets.count - 1
        var bucket = home(key)
        while true {
            let slot = buckets[bucket]
            if slot < 0 { return nil }
            if entries[slot].key == key && Self.equal(entries[slot].id, id) { return bucket }
            bucket = (bucket + 1) & mask
        }
    }

    /// The bucket where the probe for `key` starts: the top bits of `key` times a large odd
    /// constant (the low bits of FNV-1a alone cluster for ids that differ in a digit or two).
    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - buckets.count.trailingZeroBitCount))
    }

    /// Puts `slot` in the first empty bucket from its hash's on, growing the table to stay
    /// at most half full.
    private mutating func insert(_ slot: Int, key: UInt64) {
        if (tracked + 1) * 2 > buckets.count {
            let old = buckets
            buckets = [Int](repeating: -1, count: old.count * 2)
            for slot in old where slot >= 0 { place(slot, key: entries[slot].key) }
        }
        place(slot, key: key)
        tracked += 1
    }

    private mutating func place(_ slot: Int, key: UInt64) {
        let mask = buckets.count - 1
        var bucket = home(key)
        while buckets[bucket] >= 0 { bucket = (bucket + 1) & mask }
        buckets[bucket] = slot
    }

    /// Empties `bucket`, moving later entries of its probe run back so that every entry
    /// stays reachable from its hash's bucket.
    private mutating func clear(_ bucket: Int) {
        let mask = buckets.count - 1
        var hole = bucket
        var next = bucket
        while true {
            next = (next + 1) & mask
            let slot = buckets[next]
            if slot < 0 { break }
            let start = home(entries[slot].key)
            // The entry stays when its home lies cyclically in (hole, next].
            let stays = hole <= next ? (hole < start && start <= next) : (hole < start || start <= next)
            if !stays {
                buckets[hole] = slot
                hole = next
            }
        }
        buckets[hole] = -1
        tracked -= 1
    }

    /// FNV-1a over the id's bytes.
    private static func hash(_ id: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    private static func equal(_ stored: [UInt8], _ id: UnsafeRawBufferPointer) -> Bool {
        stored.count == id.count && stored.withUnsafeBytes { $0.count == 0 || memcmp($0.baseAddress!, id.baseAddress!, id.count) == 0 }
    }

    /// Calls `body` with the tail kept in `slot`.
    mutating func withTail<Result>(_ slot: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        let count = entries[slot].tailCount
        return tails.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[(slot * Self.tailBytes)...].prefix(count))) }
    }

    /// Keeps, in `slot`, the last `tailBytes` of the tail joined with `text` (as
    /// `MaskingWorker.join` joins them).
    mutating func append(_ text: UnsafeRawBufferPointer, to slot: Int) {
        let old = entries[slot].tailCount
        entries[slot].tailCount = tails.withUnsafeMutableBytes { tails -> Int in
            let region = tails.baseAddress! + slot * Self.tailBytes
            guard text.count < Self.tailBytes else {
                region.copyMemory(from: text.baseAddress! + (text.count - Self.tailBytes), byteCount: Self.tailBytes)
                return Self.tailBytes
            }
            let space = old > 0 && text.count > 0
                && MaskingWorker.joinsWithSpace(region.load(fromByteOffset: old - 1, as: UInt8.self), text[0]) ? 1 : 0
            // What overflows is dropped from the front: old bytes first, then the space.
            let drop = max(0, old + space + text.count - Self.tailBytes)
            let keptOld = old - min(drop, old)
            if keptOld < old { memmove(region, region + (old - keptOld), keptOld) }
            var count = keptOld
            if space == 1 && drop <= old {
                region.storeBytes(of: 0x20, toByteOffset: count, as: UInt8.self)
                count += 1
            }
            if text.count > 0 { (region + count).copyMemory(from: text.baseAddress!, byteCount: text.count) }
            return count + text.count
        }
    }

    /// Forgets conversation `id` (it ended).
    mutating func end(_ id: UnsafeRawBufferPointer) {
        guard let bucket = bucket(of: id, key: Self.hash(id)) else { return }
        remove(buckets[bucket])
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
        let id = entries[slot].id
        if let bucket = id.withUnsafeBytes({ bucket(of: $0, key: entries[slot].key) }) { clear(bucket) }
        entries[slot].id = []
        entries[slot].tailCount = 0
        free.append(slot)
        counters.tracked = tracked
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
