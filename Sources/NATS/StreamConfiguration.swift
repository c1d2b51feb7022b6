internal import CNATS

/// A JetStream stream: which subjects it captures and how it keeps them.
public struct StreamConfiguration: Sendable, Equatable {
    /// Where a stream keeps its messages.
    public enum Storage: Sendable, Equatable {
        /// On disk. The corresponding C constant is `js_FileStorage`.
        case file
        /// In memory only. The corresponding C constant is `js_MemoryStorage`.
        case memory
    }

    /// The stream's name.
    public var name: String
    /// The subjects it captures (wildcards allowed).
    public var subjects: [String]
    /// Where it keeps messages.
    public var storage: Storage
    /// How long the server remembers a `Nats-Msg-Id` to drop a second publish with the same
    /// id; nil: the server's default (2 minutes).
    public var duplicateWindow: Duration?

    /// A stream named `name` capturing `subjects`.
    public init(name: String, subjects: [String], storage: Storage = .file, duplicateWindow: Duration? = nil) {
        self.name = name
        self.subjects = subjects
        self.storage = storage
        self.duplicateWindow = duplicateWindow
    }

    /// Fills `config` (initialized by `jsStreamConfig_Init`), with strings copied into `strings`
    /// and the subject array into `subjectArray`; both must outlive the C call.
    func fill(_ config: inout jsStreamConfig, strings: inout CStrings,
              subjectArray: inout [UnsafePointer<CChar>?]) {
        config.Name = strings.copy(name)
        subjectArray = subjects.map { strings.copy($0) }
        config.SubjectsLen = Int32(subjectArray.count)
        config.Storage = storage == .file ? js_FileStorage : js_MemoryStorage
        if let duplicateWindow { config.Duplicates = duplicateWindow.nanoseconds }
    }
}

/// A durable pull consumer on a stream.
public struct PullConsumerConfiguration: Sendable, Equatable {
    /// The stream it reads.
    public var stream: String
    /// Its durable name: a worker that restarts with the same name continues where the last
    /// acknowledged message left off.
    public var durableName: String
    /// The subject it takes from the stream.
    public var filterSubject: String
    /// How long the server waits for an ack before it delivers a message again.
    public var ackWait: Duration
    /// How many delivered messages may wait for their ack at once.
    public var maxAckPending: Int

    /// A consumer named `durableName` on `stream`, taking `filterSubject`.
    public init(stream: String, durableName: String, filterSubject: String,
                ackWait: Duration = .seconds(30), maxAckPending: Int = 1000) {
        self.stream = stream
        self.durableName = durableName
        self.filterSubject = filterSubject
        self.ackWait = ackWait
        self.maxAckPending = maxAckPending
    }
}
