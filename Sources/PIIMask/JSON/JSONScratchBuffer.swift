/// A growable buffer of plain values in manually allocated memory: the rewriter's parse
/// stack and decode scratch.
///
/// Unlike `Array`, it has no copy-on-write, uniqueness or exclusivity checks on the hot
/// path, and its base pointer can be handed out directly. It is a plain value holding a
/// pointer: copies share the memory, so exactly one owner (here `JSONLineRewriter`) calls
/// `deallocate()`, and after an `append` that grew it, only the grown copy is valid.
struct JSONScratchBuffer<Element: BitwiseCopyable> {
    /// The start of the storage.
    private(set) var base: UnsafeMutablePointer<Element>
    /// How many elements fit before the storage must grow.
    private(set) var capacity: Int
    /// How many elements are in use; lowering it drops the elements above.
    var count = 0

    /// Allocates room for `capacity` elements (at least one).
    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
    }

    /// Appends one element, growing the storage when it is full.
    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity {
            grow(toAtLeast: count &+ 1)
        }
        base[count] = element
        count &+= 1
    }

    /// Appends `length` elements copied from `source`.
    @inline(__always)
    mutating func append(_ source: UnsafePointer<Element>, count length: Int) {
        if count &+ length > capacity {
            grow(toAtLeast: count &+ length)
        }
        (base + count).update(from: source, count: length)
        count &+= length
    }

    /// Moves the elements to storage of at least `minimum` elements (doubling).
    private mutating func grow(toAtLeast minimum: Int) {
        let newCapacity = max(minimum, capacity &* 2)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Empties the buffer and, when its storage has grown beyond `limit` elements (after an
    /// unusually large line), gives it back and starts again with `capacity` elements, so a
    /// single huge line does not pin its memory for the life of the owner.
    mutating func reset(shrinkingAbove limit: Int, to capacity: Int) {
        count = 0
        if self.capacity > limit {
            base.deallocate()
            self.capacity = max(capacity, 1)
            base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
        }
    }

    /// The elements in use, as raw bytes.
    var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base, count: count &* MemoryLayout<Element>.stride)
    }

    /// Frees the storage; the buffer (and every copy of it) must not be used afterwards.
    func deallocate() {
        base.deallocate()
    }
}
