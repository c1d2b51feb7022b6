import Foundation
import Testing
@testable import PIIMaskFixtures

@Suite("Chat events (--events)")
struct ChatEventTests {
    @Test("Every line is one JSON chat event of the desktop's schema", arguments: Profile.allCases)
    func validEvents(profile: Profile) throws {
        let output = try TestSupport.emitted(profile, seed: 5, limit: .lines(600), format: .events).bytes
        #expect(output.last == UInt8(ascii: "\n"))
        let events = try TestSupport.jsonObjects(output)
        #expect(events.count == 600)
        #expect(events.first?["event"] as? String == "task.offered")
        var conversations = Set<String>()
        for event in events {
            let kind = try #require(event["event"] as? String)
            #expect(kind == "task.offered" || kind == "message")
            #expect((event["ts"] as? String)?.count == 24)
            conversations.insert(try #require(event["conversation"] as? String))
            if kind == "task.offered" {
                let task = try #require(event["task"] as? [String: Any])
                #expect(task["title"] is String && task["preview"] is String)
                let customer = try #require(event["customer"] as? [String: Any])
                #expect(customer["name"] is String && customer["id"] is NSNumber)
                let cad = try #require(event["cad"] as? [String: Any])
                #expect(cad["origin"] is String)
            } else {
                let message = try #require(event["message"] as? [String: Any])
                let sender = try #require(message["sender"] as? [String: Any])
                #expect(sender["signature"] is String)
                #expect(message["text"] is String && message["seq"] is NSNumber)
            }
        }
        // Conversations of 3 to 12 messages.
        #expect(conversations.count >= 600 / 12 && conversations.count <= 600 / 3 + 1)
    }

    @Test("Event n carries the text of line n of --text-only", arguments: Profile.allCases)
    func sameMessages(profile: Profile) throws {
        let events = try TestSupport.jsonObjects(
            TestSupport.emitted(profile, seed: 9, limit: .lines(500), format: .events).bytes)
        let texts = TestSupport.lines(
            try TestSupport.emitted(profile, seed: 9, limit: .lines(500), format: .textOnly).bytes)
        let carried = events.map { event -> String? in
            if let message = event["message"] as? [String: Any] { return message["text"] as? String }
            return (event["task"] as? [String: Any])?["preview"] as? String
        }
        #expect(carried == texts.map { Optional($0) })
    }

    @Test("The same seed gives identical bytes; another seed other bytes")
    func determinism() throws {
        let first = try TestSupport.emitted(.chat, seed: 42, limit: .bytes(200_000), format: .events)
        let second = try TestSupport.emitted(.chat, seed: 42, limit: .bytes(200_000), format: .events)
        let other = try TestSupport.emitted(.chat, seed: 43, limit: .bytes(200_000), format: .events)
        #expect(first.bytes == second.bytes)
        #expect(first.summary == second.summary)
        #expect(first.bytes != other.bytes)
        #expect(first.summary.bytes == first.bytes.count)
    }

    /// FNV-1a (64 bit) of the first 300 events of the chat profile for seed 1. A change here
    /// means the events changed (the messages are pinned in DeterminismTests).
    @Test("The events are pinned, so they are the same on every machine")
    func pinnedOutput() throws {
        let bytes = try TestSupport.emitted(.chat, seed: 1, limit: .lines(300), format: .events).bytes
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        #expect(hash == 0x9F84_B227_89B8_D0BC)
    }

    @Test("Timestamps are UTC ISO 8601 with milliseconds", arguments: [
        (Int64(1_795_510_800_000), "2026-11-24T09:00:00.000Z"),
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (Int64(1_835_481_599_999), "2028-02-29T23:59:59.999Z"),
        (Int64(1_798_761_600_001), "2027-01-01T00:00:00.001Z"),
    ])
    func timestamps(milliseconds: Int64, text: String) {
        #expect(ChatEventEncoder.timestamp(milliseconds) == text)
    }
}
