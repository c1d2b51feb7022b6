internal import CNATS

/// An error reported by the NATS C client: its status, the client's text for it and, when
/// the JetStream API answered with an error, the server's JetStream error code.
///
/// The text comes from the client (`nats_GetLastError`); it names subjects, streams and
/// consumers, never a message payload.
public struct NATSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A NATS C client status (`natsStatus`), named after its C constant.
    public struct Status: RawRepresentable, Hashable, Sendable {
        /// The numeric value of the C constant.
        public let rawValue: Int
        /// Creates a status from its numeric value.
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// The operation timed out. The corresponding C constant is `NATS_TIMEOUT`.
        public static let timeout = Status(rawValue: Int(NATS_TIMEOUT.rawValue))
        /// Something asked for was not there. The corresponding C constant is `NATS_NOT_FOUND`.
        public static let notFound = Status(rawValue: Int(NATS_NOT_FOUND.rawValue))
        /// The payload is larger than the server accepts. The corresponding C constant is
        /// `NATS_MAX_PAYLOAD`.
        public static let maxPayload = Status(rawValue: Int(NATS_MAX_PAYLOAD.rawValue))
        /// No one listened on the request's subject (e.g. no stream captures it, or JetStream
        /// is not up yet). The corresponding C constant is `NATS_NO_RESPONDERS`.
        public static let noResponders = Status(rawValue: Int(NATS_NO_RESPONDERS.rawValue))
        /// The connection is closed. The corresponding C constant is `NATS_CONNECTION_CLOSED`.
        public static let connectionClosed = Status(rawValue: Int(NATS_CONNECTION_CLOSED.rawValue))
        /// The connection is down and reconnecting. The corresponding C constant is
        /// `NATS_CONNECTION_DISCONNECTED`.
        public static let disconnected = Status(rawValue: Int(NATS_CONNECTION_DISCONNECTED.rawValue))
        /// The server answered with an error. The corresponding C constant is `NATS_ERR`.
        public static let serverError = Status(rawValue: Int(NATS_ERR.rawValue))
    }

    /// The client's status.
    public let status: Status
    /// The JetStream API error code (e.g. 10059, stream not found), when the server gave one.
    public let jetStreamCode: Int?
    /// The client's text for the error.
    public let message: String

    /// Creates an error (for callers that detect a failure above the C client).
    public init(status: Status, jetStreamCode: Int? = nil, message: String) {
        self.status = status
        self.jetStreamCode = jetStreamCode
        self.message = message
    }

    /// The message, with the JetStream error code when there is one.
    public var description: String {
        if let jetStreamCode { return "\(message) (JetStream error \(jetStreamCode))" }
        return message
    }
}

extension NATSError {
    /// The JetStream error code for "stream name already in use" (`JSStreamNameExistErr`).
    public static let streamNameInUse = Int(JSStreamNameExistErr.rawValue)
}

/// Turns a C client status into `NATSError`; every wrapped call goes through here.
///
/// The client keeps the text of the last error per thread; it is read on the same thread
/// right after the failing call.
@inline(__always)
func check(_ status: natsStatus, jetStreamCode: jsErrCode = jsErrCode(rawValue: 0)) throws(NATSError) {
    guard status != NATS_OK else { return }
    throw NATSError(failed: status, jetStreamCode: jetStreamCode)
}

extension NATSError {
    /// Builds the error for a failed call's status, with the client's last error text.
    init(failed status: natsStatus, jetStreamCode: jsErrCode) {
        var lastStatus = NATS_OK
        let last = nats_GetLastError(&lastStatus)
        let text: String
        if let last, lastStatus == status, last.pointee != 0 {
            text = String(cString: last)
        } else {
            text = String(cString: natsStatus_GetText(status))
        }
        self.init(status: Status(rawValue: Int(status.rawValue)),
                  jetStreamCode: jetStreamCode.rawValue == 0 ? nil : Int(jetStreamCode.rawValue),
                  message: text)
    }
}
