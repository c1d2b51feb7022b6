"""Cost of a `deny:` dictionary of 1,000,000 values (issue 21): how long the rule file takes
to load, the peak memory, and the CPU time per byte of chat text that holds none of the
values, against the built-in rules alone and `cat`. Run through run.sh, which builds the
release binary.

Values: `CU-` and seven digits (every value has a digit, the common case of account and
customer numbers), or seven lower-case letters (no digit: every line with a letter is read).
Text: the 1,000 message texts of fixtures/labeled/chat-mix.jsonl repeated to --megabytes;
none of them holds a value. Each configuration runs --runs times; the lowest CPU time
(user + system, from getrusage of the child) is reported.
"""

import argparse
import json
import os
import resource
import string
import subprocess
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PIIMASK = os.path.join(ROOT, ".build", "release", "piimask")


def letters(index):
    word = ""
    for _ in range(7):
        word += string.ascii_lowercase[index % 26]
        index //= 26
    return word


def write_rules(folder, name, values):
    with open(os.path.join(folder, name + ".txt"), "w") as out:
        out.write("".join(value + "\n" for value in values))
    path = os.path.join(folder, name + ".yaml")
    with open(path, "w") as out:
        out.write("version: 1\ndeny:\n  - {id: deny.%s, type: %s, values_file: %s.txt, mask: {label: \"[X]\"}}\n"
                  "fields:\n  - {id: message.text, detect_add: [%s]}\n" % (name, name, name, name))
    return path


def run(command, stdin_path):
    """CPU seconds, wall seconds and peak RSS (KiB) of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(stdin_path, "rb") as source, open(os.devnull, "wb") as sink:
        process = subprocess.Popen(command, stdin=source, stdout=sink)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise RuntimeError("%s failed: %d" % (command, status))
    del before
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss


def best(command, stdin_path, runs):
    results = [run(command, stdin_path) for _ in range(runs)]
    return min(r[0] for r in results), min(r[1] for r in results), max(r[2] for r in results)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=int, default=32)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--values", type=int, default=1_000_000)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="deny-bench-")
    digits_rules = write_rules(folder, "customer", ["CU-%07d" % index for index in range(args.values)])
    letters_rules = write_rules(folder, "codename", [letters(index) for index in range(args.values)])
    texts = [json.loads(line)["text"] for line in open(os.path.join(ROOT, "fixtures", "labeled", "chat-mix.jsonl"))]
    block = "".join(text.replace("\n", " ") + "\n" for text in texts).encode()
    corpus = os.path.join(folder, "chat.txt")
    with open(corpus, "wb") as out:
        written = 0
        while written < args.megabytes * 1_000_000:
            out.write(block)
            written += len(block)
    size = os.path.getsize(corpus)
    empty = os.path.join(folder, "empty.txt")
    open(empty, "w").close()

    print("values: %d; text: %.1f MB (chat-mix.jsonl texts repeated), runs: %d, best CPU time"
          % (args.values, size / 1e6, args.runs))
    print("\n# load (empty input): CPU s, wall s, peak RSS MiB")
    base = best([PIIMASK, "--threads", "1"], empty, args.runs)
    print("built-in rules only          %.3f  %.3f  %6.1f" % (base[0], base[1], base[2] / 1024))
    for name, rules in [("+ 1M values with a digit", digits_rules), ("+ 1M values of letters", letters_rules)]:
        cost = best([PIIMASK, "--threads", "1", "--rules", rules], empty, args.runs)
        print("%-28s %.3f  %.3f  %6.1f   (dictionary: +%.3f s CPU, +%.1f MiB)"
              % (name, cost[0], cost[1], cost[2] / 1024, cost[0] - base[0], (cost[2] - base[2]) / 1024))

    print("\n# masking %.1f MB of chat with no listed value, 1 thread: CPU s, MB per CPU s, x cat" % (size / 1e6))
    cat = best(["cat"], corpus, args.runs)
    print("cat                          %.3f  %7.1f" % (cat[0], size / 1e6 / max(cat[0], 1e-9)))
    rows = [("built-in rules only", [PIIMASK, "--threads", "1"]),
            ("+ 1M values with a digit", [PIIMASK, "--threads", "1", "--rules", digits_rules]),
            ("+ 1M values of letters", [PIIMASK, "--threads", "1", "--rules", letters_rules])]
    baseline = None
    for name, command in rows:
        cost = best(command, corpus, args.runs)
        # The load is paid once per process: subtract it to get the cost per byte of text.
        load = best(command, empty, 1)[0]
        per_byte = cost[0] - load
        baseline = baseline or per_byte
        print("%-28s %.3f  %7.1f  (text only: %.3f s, %.2f ns/byte, %.2fx the built-in rules)"
              % (name, cost[0], size / 1e6 / cost[0], per_byte, per_byte / size * 1e9, per_byte / baseline))


if __name__ == "__main__":
    main()
