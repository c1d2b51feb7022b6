/// Masking with conversation-scoped tokens: the entry points that take a conversation id.
extension Masker {
    /// Returns `text` with every detected value masked; token masks scoped per conversation
    /// are keyed with `conversation`.
    ///
    /// - Throws: `TokenKeyError` when a value's mask is scoped per conversation and
    ///   `conversation` is nil (nothing is masked then: fail closed, never a global token).
    public func mask(_ text: String, field: String? = nil, conversation: String?) throws(TokenKeyError) -> String {
        var text = text
        let policy = policy(for: field)
        var output: [UInt8] = []
        let outcome = text.withUTF8 { bytes in
            output.reserveCapacity(bytes.count)
            return Result { () throws(TokenKeyError) in
                try mask(utf8: UnsafeRawBufferPointer(bytes), policy: policy, conversation: conversation, appendingTo: &output)
            }
        }
        _ = try outcome.get()
        return String(decoding: output, as: UTF8.self)
    }

    /// Masks the UTF-8 bytes of one value of `conversation` and appends the result to
    /// `output` (see `mask(utf8:policy:appendingTo:)`).
    ///
    /// - Returns: how many findings were masked.
    /// - Throws: `TokenKeyError` when a value's mask is scoped per conversation and
    ///   `conversation` is nil; `output` is unchanged then.
    @discardableResult
    public func mask(utf8 value: UnsafeRawBufferPointer, policy: FieldPolicy, conversation: String?,
                     appendingTo output: inout [UInt8]) throws(TokenKeyError) -> Int {
        let rules = self.rules
        let outcome = withWorker { worker -> Result<Int, TokenKeyError> in
            worker.detectIfCandidate(value, policy: policy)
            if conversation == nil,
               worker.spans.contains(where: { $0.rule >= 0 && rules[$0.rule].mask.token?.scope == .conversation }) {
                return .failure(TokenKeyError("a token mask is scoped per conversation and no conversation id was given"))
            }
            var conversation = conversation
            if conversation != nil {
                conversation!.withUTF8 { worker.render(value, into: &output, conversation: UnsafeRawBufferPointer($0)) }
            } else {
                worker.render(value, into: &output)
            }
            return .success(worker.spans.count)
        }
        return try outcome.get()
    }
}
