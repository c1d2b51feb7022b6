/// A span of a digit run that a rule accepts: groups `first...last`, bytes `start..<end`.
struct Tile {
    var first: Int
    var last: Int
    var start: Int
    var end: Int
    var rule: Int
    var digits: Int
    /// Whether the span stands apart on the left: at the run's start, or after a separator
    /// with white space that it does not use itself (a list item such as `25 4111…`).
    var leftClean: Bool
}

/// Chooses which accepted spans of a digit run to mask: a tiling of the run's groups by
/// accepted spans and single unmasked groups, covering the most digits, in which a span
/// follows an unmasked group only where it stands apart from it. (What follows a span does
/// not matter: a value may be followed by other numbers.)
///
/// So every value of a list is masked (`4111… 5555…`, `123-45-6789 078-05-1121`, two
/// grouped phones one after the other), while a stretch in the middle of a longer run
/// (`pakket 0043 8533 0865 6007 2656 95`) is not read as a value of its own.
///
/// - Complexity: O(groups + tiles): a dynamic programme over group boundaries with two
///   states (after an unmasked group, after a span).
struct RunTiling {
    private var best: [Int] = []
    private var back: [Int] = []

    private static let afterGap = 0
    private static let afterSpan = 1
    private static let unreachable = -1

    /// The tiles to mask, as indexes into `tiles` (which are ordered by `first`), appended
    /// to `chosen` in order.
    mutating func choose(groupCount: Int, tiles: [Tile], into chosen: inout [Int]) {
        // Most runs hold one span that stands apart: nothing to choose.
        if tiles.count == 1 && tiles[0].leftClean {
            chosen.append(0)
            return
        }
        let states = 2
        best.removeAll(keepingCapacity: true)
        back.removeAll(keepingCapacity: true)
        best.append(contentsOf: repeatElement(Self.unreachable, count: (groupCount + 1) * states))
        // back: tile index * 4 + previous state, or -4 + previous state for an unmasked group.
        back.append(contentsOf: repeatElement(0, count: (groupCount + 1) * states))
        best[Self.afterGap] = 0
        var tileIndex = 0
        for position in 0..<groupCount {
            let firstTile = tileIndex
            while tileIndex < tiles.count, tiles[tileIndex].first == position { tileIndex += 1 }
            for state in 0..<states {
                let score = best[position * states + state]
                if score == Self.unreachable { continue }
                relax((position + 1) * states + Self.afterGap, score, -4 + state)
                for index in firstTile..<tileIndex {
                    let tile = tiles[index]
                    if state == Self.afterGap && !tile.leftClean { continue }
                    relax((tile.last + 1) * states + Self.afterSpan, score + tile.digits, index * 4 + state)
                }
            }
        }
        var state = best[groupCount * states + Self.afterSpan] > best[groupCount * states + Self.afterGap]
            ? Self.afterSpan : Self.afterGap
        var position = groupCount
        let mark = chosen.count
        while position > 0 {
            let step = back[position * states + state]
            if step < 0 {
                position -= 1
                state = step + 4
            } else {
                let index = step / 4
                chosen.append(index)
                position = tiles[index].first
                state = step % 4
            }
        }
        chosen[mark...].reverse()
    }

    private mutating func relax(_ slot: Int, _ score: Int, _ step: Int) {
        if score > best[slot] {
            best[slot] = score
            back[slot] = step
        }
    }
}
