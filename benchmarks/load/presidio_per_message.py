#!/usr/bin/env python3
"""The Presidio baseline of the load test: Presidio's analyzer + anonymizer called
in-process, once per message, on the load test's 200-byte messages (the engines as
benchmarks/presidio_mask.py builds them: the five recognizers, no NER model).

    presidio_per_message.py MODEL_DIR MESSAGES [SECONDS]

Cycles through MESSAGES (one per line) for SECONDS (default 10) after 100 warm-up calls,
timing every call, and prints messages/s and p50/p99 latency in microseconds. One thread:
Presidio runs under Python's GIL, so a second thread would not add throughput.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from presidio_mask import build_engines  # noqa: E402


def main() -> int:
    if len(sys.argv) not in (3, 4):
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    analyzer, anonymizer, operators, entities = build_engines(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as file:
        messages = [line.rstrip("\n") for line in file]
    seconds = float(sys.argv[3]) if len(sys.argv) == 4 else 10.0

    def mask(text: str) -> str:
        results = analyzer.analyze(text=text, language="en", entities=entities)
        if results:
            text = anonymizer.anonymize(text=text, analyzer_results=results, operators=operators).text
        return text

    for message in messages[:100]:
        mask(message)
    latencies = []
    start = time.perf_counter()
    index = 0
    while time.perf_counter() - start < seconds:
        before = time.perf_counter()
        mask(messages[index % len(messages)])
        latencies.append(time.perf_counter() - before)
        index += 1
    elapsed = time.perf_counter() - start
    latencies.sort()

    def percentile(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1e6

    print(f"presidio: {len(latencies)} messages in {elapsed:.2f} s: {len(latencies) / elapsed:.0f} messages/s, "
          f"p50 {percentile(0.50):.0f} us, p99 {percentile(0.99):.0f} us")
    return 0


if __name__ == "__main__":
    sys.exit(main())
