/// Whether the spans chosen in a long digit run are values, or stretches of a number of its
/// own that the run is (a tracking or reference number: `0307 1790 0005 2348 3741`,
/// `00 81827 0998 0000 0200 33 350 276`).
///
/// A run of at least `minimumDigits` digits in the grouping of a tracking number (at least
/// five groups of four digits, the last one 1–4 digits, one separator throughout) whose
/// chosen spans leave groups of it unmasked keeps only a card that leaves a single group
/// unmasked (`pin 1234 4111 1111 1111 1111`: PCI fails closed), or a card of four groups that
/// starts or ends the run and leaves two groups unmasked (`4111 1111 1111 1111 1225 123`: a
/// card with its expiry and code after it); any other span (`0307 1790 0005` as a phone,
/// the first 16 digits of `3297 1510 3601 0244 7848 0012 …` as a card) is a stretch of the
/// tracking number. Other runs, shorter runs, and runs their spans cover
/// whole (lists: `4111 1111 1111 1111 5555 5555 5555 4444`) are left as chosen; a number
/// after a parcel word (`pakket 00 81827 0998 …`) is left by the phone rules' context.
///
/// - Complexity: O(groups + chosen spans).
enum TrackingRun {
    /// What of the chosen spans stays: all, the cards, the cards of four groups at an end of
    /// the run, or none.
    enum Keep: Equatable { case all, cards, cardsAtAnEnd, none }

    /// The fewest digits of a run that may be a tracking number.
    static let minimumDigits = 20

    /// What of `chosen` (indexes into `tiles`) stays for the run with `groups`.
    static func keeps(groups: [DigitGroup], run: DigitRun, tiles: [Tile], chosen: [Int]) -> Keep {
        guard !chosen.isEmpty, run.digits >= minimumDigits else { return .all }
        var covered = 0
        for index in chosen { covered += tiles[index].last - tiles[index].first + 1 }
        let uncovered = groups.count - covered
        guard uncovered > 0 else { return .all }
        guard isTrackingGrouping(groups) else { return .all }
        switch uncovered {
        case 1: return .cards
        case 2: return .cardsAtAnEnd
        default: return .none
        }
    }

    /// What of `chosen` `keep` keeps, for a run of `groupCount` groups.
    static func kept(_ keep: Keep, tiles: [Tile], chosen: [Int], rules: [CompiledRule], groupCount: Int) -> [Int] {
        switch keep {
        case .all: return chosen
        case .cards: return chosen.filter { rules[tiles[$0].rule].isCard }
        case .cardsAtAnEnd:
            return chosen.filter {
                rules[tiles[$0].rule].isCard && tiles[$0].last - tiles[$0].first == 3
                    && (tiles[$0].first == 0 || tiles[$0].last == groupCount - 1)
            }
        case .none: return []
        }
    }

    /// At least five groups, all of four digits but the last (1–4), one separator throughout.
    static func isTrackingGrouping(_ groups: [DigitGroup]) -> Bool {
        guard groups.count >= 5 else { return false }
        let last = groups.count - 1
        let lastLength = groups[last].end - groups[last].start
        guard lastLength >= 1, lastLength <= 4 else { return false }
        for index in 0..<last where groups[index].end - groups[index].start != 4 { return false }
        for index in 2...last where groups[index].gap != groups[1].gap { return false }
        return true
    }
}
