#!/usr/bin/env python3
"""Writes the load test's inputs from the committed fixtures, deterministically.

    make_inputs.py OUT_DIR

- OUT_DIR/mask-bodies.txt: 1,000 `POST /v1/mask` bodies, one per line, each
  {"text": MESSAGE} with MESSAGE exactly 200 bytes of chat text (sentences of
  fixtures/labeled/chat-mix.jsonl, with their phone numbers, e-mails, cards, IBANs, SSNs).
- OUT_DIR/messages.txt: the same 1,000 messages, one per line (for the Presidio baseline
  and the filter).
- OUT_DIR/events.ndjson: 1 MiB of chat events (fixtures/chat/conversation.ndjson repeated),
  the `POST /v1/events` body.
- OUT_DIR/events-100MB.ndjson: the same events, 100 MB, for the filter's MB/s.
"""
import json
import os
import sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
out = sys.argv[1]
os.makedirs(out, exist_ok=True)

texts = []
with open(os.path.join(root, "fixtures/labeled/chat-mix.jsonl"), encoding="utf-8") as corpus:
    for line in corpus:
        text = json.loads(line)["text"]
        if text.isascii() and "\n" not in text:
            texts.append(text)

messages = []
index = 0
while len(messages) < 1000:
    message = ""
    while len(message) < 200:
        message += texts[index % len(texts)] + " "
        index += 1
    messages.append(message[:200])
assert all(len(m.encode()) == 200 for m in messages)

with open(os.path.join(out, "messages.txt"), "w", encoding="utf-8") as file:
    file.write("".join(m + "\n" for m in messages))
with open(os.path.join(out, "mask-bodies.txt"), "w", encoding="utf-8") as file:
    file.write("".join(json.dumps({"text": m}) + "\n" for m in messages))

with open(os.path.join(root, "fixtures/chat/conversation.ndjson"), "rb") as file:
    conversation = file.read()
for name, size in (("events.ndjson", 1 << 20), ("events-100MB.ndjson", 100_000_000)):
    with open(os.path.join(out, name), "wb") as file:
        written = 0
        while written + len(conversation) <= size:
            file.write(conversation)
            written += len(conversation)
