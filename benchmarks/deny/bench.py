"""Cost of a `deny:` dictionary of 1,000,000 values (issue 21): how long the rule file takes
to load, the peak memory, and the CPU time per byte of chat text that holds none of the
values, against the built-in rules alone and `cat`. Run through run.sh, which builds the
release binary.

Values: `CU-` and seven digits (every value has a digit, the common case of account and
customer numbers), or seven lower-case letters spread over the whole alphabet in every
position (no digit: every line with a letter is read, and the first/last-byte filters turn
little down). Text: the 1,000 message texts of fixtures/labeled/chat-mix.jsonl repeated to
--megabytes; no word of it is a value (the letter values skip the corpus's words), and the
script checks that: the masked corpus is byte for byte the same with and without each
dictionary, while a line holding a listed value (any case) is masked and one holding a
longer token is not. Each configuration runs --runs times; the lowest CPU time (user +
system, from getrusage of the child) and the highest peak RSS are reported.

With --callgrind, each configuration's instructions per byte of the first 256 KB of the
text are counted as well (valgrind's callgrind on a stripped copy of the binary, as
benchmarks/compare.sh --callgrind does; the start-up on an empty input subtracted): a
figure that does not move with the load of a shared machine. --binary measures another
build of piimask (say, one made before a change).
"""

import argparse
import hashlib
import json
import os
import re
import string
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PIIMASK = os.path.join(ROOT, ".build", "release", "piimask")


def letters(index):
    """Seven letters; indices below 26**7 map one to one (the multiplier is prime to 26)."""
    index = index * 2_654_435_761 % 26 ** 7
    word = ""
    for _ in range(7):
        word += string.ascii_lowercase[index % 26]
        index //= 26
    return word


def letter_values(count, excluded):
    values = []
    index = 0
    while len(values) < count:
        word = letters(index)
        index += 1
        if word not in excluded:
            values.append(word)
    return values


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
    start = time.perf_counter()
    with open(stdin_path, "rb") as source, open(os.devnull, "wb") as sink:
        process = subprocess.Popen(command, stdin=source, stdout=sink)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise RuntimeError("%s failed: %d" % (command, status))
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss


def best(command, stdin_path, runs):
    results = [run(command, stdin_path) for _ in range(runs)]
    return min(r[0] for r in results), min(r[1] for r in results), max(r[2] for r in results)


def masked(command, data):
    return subprocess.run(command, input=data, stdout=subprocess.PIPE, check=True).stdout


def digest(command, stdin_path):
    """SHA-256 of what `command` writes for `stdin_path`, read in chunks (the measuring
    process stays small)."""
    result = hashlib.sha256()
    with open(stdin_path, "rb") as source:
        process = subprocess.Popen(command, stdin=source, stdout=subprocess.PIPE)
        for chunk in iter(lambda: process.stdout.read(1 << 20), b""):
            result.update(chunk)
        if process.wait() != 0:
            raise RuntimeError("%s failed" % command)
    return result.hexdigest()


def generate(folder, count, words):
    """Writes both dictionaries' rule and values files into `folder`; returns a value of each.
    Run in a process of its own (see main): peak RSS is read from wait4, and a child
    started by vfork reports its parent's high-water mark, so the measuring process must
    never have held a million values."""
    digit_values = ["CU-%07d" % index for index in range(count)]
    letter_list = letter_values(count, words)
    write_rules(folder, "customer", digit_values)
    write_rules(folder, "codename", letter_list)
    return {"customer": digit_values[count // 2], "codename": letter_list[count // 2]}


def instructions(command, stdin_path):
    """Instructions callgrind counts for one run of `command` (a stripped binary first)."""
    with open(stdin_path, "rb") as source:
        result = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + command,
                                stdin=source, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    found = re.search(rb"Collected : *(\d+)", result.stderr)
    if not found:
        raise SystemExit("callgrind gave no instruction count for %s" % command)
    return int(found.group(1))


def check(name, command, value, builtin_digest, corpus):
    """The dictionary masks `value` in any case and not a longer token; the corpus (none
    of whose words is listed) comes out as with the built-in rules alone."""
    lines = ("ref %s ok\nref %s ok\nref %s9 ok\n" % (value, value.upper(), value)).encode()
    out = masked(command, lines).decode().splitlines()
    if out[0] != "ref [X] ok" or out[1] != "ref [X] ok" or out[2] == "ref [X] ok":
        raise SystemExit("%s: the dictionary does not mask as expected: %r" % (name, out))
    if digest(command, corpus) != builtin_digest:
        raise SystemExit("%s: the corpus holds a listed value (output differs from the built-in rules')" % name)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=int, default=32)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--values", type=int, default=1_000_000)
    parser.add_argument("--callgrind", action="store_true", help="also count instructions per byte (valgrind)")
    parser.add_argument("--binary", default=PIIMASK, help="the piimask to measure (default: the release build)")
    parser.add_argument("--generate", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in open(os.path.join(ROOT, "fixtures", "labeled", "chat-mix.jsonl"))]
    block = "".join(text.replace("\n", " ") + "\n" for text in texts).encode()
    if args.generate:
        words = set(re.findall(r"[a-z]+", block.decode().lower()))
        json.dump(generate(args.generate, args.values, words), sys.stdout)
        return
    folder = tempfile.mkdtemp(prefix="deny-bench-")
    probes = json.loads(subprocess.run([sys.executable, __file__, "--values", str(args.values), "--generate", folder],
                                       stdout=subprocess.PIPE, check=True).stdout)
    digits_rules = os.path.join(folder, "customer.yaml")
    letters_rules = os.path.join(folder, "codename.yaml")
    corpus = os.path.join(folder, "chat.txt")
    with open(corpus, "wb") as out:
        written = 0
        while written < args.megabytes * 1_000_000:
            out.write(block)
            written += len(block)
    size = os.path.getsize(corpus)
    empty = os.path.join(folder, "empty.txt")
    open(empty, "w").close()

    builtin = [args.binary, "--threads", "1"]
    count = "%dk" % (args.values // 1000) if args.values < 1_000_000 else "%gM" % (args.values / 1e6)
    dictionaries = [("+ %s values with a digit" % count, builtin + ["--rules", digits_rules], probes["customer"]),
                    ("+ %s values of letters" % count, builtin + ["--rules", letters_rules], probes["codename"])]
    builtin_digest = digest(builtin, corpus)
    for name, command, value in dictionaries:
        check(name, command, value, builtin_digest, corpus)

    print("values: %d (files of %.1f and %.1f MB); text: %.1f MB (chat-mix.jsonl texts repeated); runs: %d"
          % (args.values, os.path.getsize(digits_rules[:-5] + ".txt") / 1e6, os.path.getsize(letters_rules[:-5] + ".txt") / 1e6,
             size / 1e6, args.runs))
    print("checked: each dictionary masks a listed value in any case, not a longer token, and leaves the corpus as the built-in rules do")
    print("\n# start-up on empty input: CPU s, wall s, peak RSS MiB (best CPU and wall, highest RSS)")
    base = best(builtin, empty, args.runs)
    print("%-28s %.3f  %.3f  %6.1f" % ("built-in rules only", base[0], base[1], base[2] / 1024))
    loads = {}
    for name, command, _ in dictionaries:
        cost = best(command, empty, args.runs)
        loads[name] = cost[0]
        print("%-28s %.3f  %.3f  %6.1f   (the dictionary: +%.3f s CPU, +%.3f s wall, +%.1f MiB)"
              % (name, cost[0], cost[1], cost[2] / 1024, cost[0] - base[0], cost[1] - base[1], (cost[2] - base[2]) / 1024))

    print("\n# masking %.1f MB of chat holding no listed value, 1 thread: CPU s, MB per CPU s, x cat" % (size / 1e6))
    cat = best(["cat"], corpus, args.runs)
    print("%-28s %.3f  %7.1f  %6.1fx" % ("cat", cat[0], size / 1e6 / max(cat[0], 1e-9), 1.0))
    baseline = None
    for name, command, load in [("built-in rules only", builtin, base[0])] + [(n, c, loads[n]) for n, c, _ in dictionaries]:
        cost = best(command, corpus, args.runs)
        # The start-up is paid once per process: subtract it to get the cost per byte of text.
        per_byte = cost[0] - load
        baseline = baseline or per_byte
        print("%-28s %.3f  %7.1f  %6.1fx  (text only: %.3f s CPU, %.2f ns/byte, %.3fx the built-in rules)"
              % (name, cost[0], size / 1e6 / cost[0], cost[0] / max(cat[0], 1e-9), per_byte, per_byte / size * 1e9,
                 per_byte / baseline))

    if args.callgrind:
        stripped = os.path.join(folder, "piimask-stripped")
        subprocess.run(["strip", "-o", stripped, args.binary], check=True)
        sample = os.path.join(folder, "sample.txt")
        with open(corpus, "rb") as source, open(sample, "wb") as out:
            head = source.read(256_000)
            out.write(head[:head.rfind(b"\n") + 1])
        sample_size = os.path.getsize(sample)
        print("\n# instructions per byte of the first %.0f KB of the text, 1 thread (callgrind; start-up on an empty input subtracted)"
              % (sample_size / 1000))
        base_per_byte = None
        for name, command in [("built-in rules only", builtin)] + [(n, c) for n, c, _ in dictionaries]:
            command = [stripped] + command[1:]
            start_up = instructions(command, empty)
            per_byte = (instructions(command, sample) - start_up) / sample_size
            base_per_byte = base_per_byte or per_byte
            print("%-28s %7.1f  (%.3fx the built-in rules; start-up %.0f M instructions)"
                  % (name, per_byte, per_byte / base_per_byte, start_up / 1e6))


if __name__ == "__main__":
    main()
