// The fuzz targets, one per entry point of the library, for the libFuzzer program (fuzz/)
// and for `swift test`, which replays every target's corpus (fuzz/corpus/<target>/) through
// it (FuzzCorpusReplayTests). Compiled into the fuzz package through a symbolic link, like
// the checkers; nothing but PIIMask and the standard library.
@testable import PIIMask

/// Checks one fuzz input against an entry point's contracts.
protocol FuzzChecker: AnyObject {
    /// One message per broken property (empty when all holds).
    func check(_ input: UnsafeRawBufferPointer) -> [String]
}

/// An entry point of the library that a fuzz target drives, named as `fuzz/run.sh` and the
/// corpus folders name it.
enum FuzzEntryPoint: String, CaseIterable, Sendable {
    /// Text lines as the filter masks a block (`FuzzInvariants` checks 1, 4, 6).
    case text
    /// NDJSON chat events (`FuzzInvariants` checks 2, 3, 5, 7).
    case ndjson
    /// Conversations followed: the library's `ConversationMasker`, the filter's tracker and
    /// `ConversationEventMasker` (serve, stream).
    case conversation
    /// `piimask scan`'s `StreamScanner`, text and NDJSON.
    case scan
    /// `piimask compose-check`'s `ComposerCheck` and `AgentMessage`.
    case compose
    /// `encrypt` tokens made and revealed (`TokenRevealer`).
    case reveal
    /// Rule files: parsed, merged after the built-in rules, compiled.
    case rules

    /// A checker for this entry point over `masker` (the built-in rules).
    func makeChecker(masker: Masker) -> FuzzChecker {
        switch self {
        case .text: FuzzInvariants(masker: masker, part: .text)
        case .ndjson: FuzzInvariants(masker: masker, part: .events)
        case .conversation: ConversationFuzzInvariants(masker: masker)
        case .scan: ScanFuzzInvariants(masker: masker)
        case .compose: ComposeFuzzInvariants(masker: masker)
        case .reveal: RevealFuzzInvariants(masker: masker)
        case .rules: RuleFileFuzzInvariants()
        }
    }
}
