"""Mask NDJSON chat transcript archives with the piimask filter on Spark.

Each line of the input is one chat event (`piimask --format ndjson`). Lines are grouped by
their `conversation` field and kept in archive order inside each conversation
(`repartitionAndSortWithinPartitions` on (conversation, position)), then piped through the
`piimask` binary with `RDD.pipe(..., checkCode=True)`: a child that dies or exits non-zero
fails its task (and, after Spark's retries, the job) instead of silently truncating the
output. The masked lines are written to OUTPUT/masked/ and the counts of lines in and out to
OUTPUT/counts/ (one JSON line); the job exits 1 when they differ.

    spark-submit mask_archive.py --binary /path/to/piimask INPUT OUTPUT
"""

import argparse
import json
import os
import shlex
import sys

from pyspark import SparkContext, StorageLevel
from pyspark.rdd import portable_hash


def conversation_of(line):
    """The event's conversation id; '' for a line that is not a JSON object with one (such
    lines are masked as text by piimask all the same)."""
    try:
        event = json.loads(line)
    except ValueError:
        return ""
    value = event.get("conversation") if isinstance(event, dict) else None
    return value if isinstance(value, str) else ""


def mask_archive(sc, input_path, output_path, binary, partitions, extra_args=()):
    """Runs the job, writes OUTPUT/masked/ and OUTPUT/counts/ (one JSON line); returns the
    counts {"lines_in": n, "lines_out": m}."""
    # Executors unpickle conversation_of from this module: ship it when it is imported.
    if __name__ != "__main__":
        sc.addPyFile(os.path.abspath(__file__))
    lines = sc.textFile(input_path)
    # (conversation, position in the archive) -> line; positions keep a conversation's order.
    keyed = lines.zipWithIndex().map(lambda pair: ((conversation_of(pair[0]), pair[1]), pair[0]))
    grouped = keyed.repartitionAndSortWithinPartitions(
        numPartitions=partitions,
        partitionFunc=lambda key: portable_hash(key[0]),
    ).values()
    command = shlex.join([binary, "--format", "ndjson", *extra_args])
    masked = grouped.pipe(command, checkCode=True).persist(StorageLevel.DISK_ONLY)
    masked.saveAsTextFile(output_path.rstrip("/") + "/masked")
    counts = {"lines_in": lines.count(), "lines_out": masked.count()}
    masked.unpersist()
    sc.parallelize([json.dumps(counts)], 1).saveAsTextFile(output_path.rstrip("/") + "/counts")
    return counts


def main(argv=None):
    parser = argparse.ArgumentParser(description="Mask NDJSON chat archives with piimask on Spark.")
    parser.add_argument("input", help="input file, folder or glob (text, one JSON event per line)")
    parser.add_argument("output", help="output folder (must not exist)")
    parser.add_argument("--binary", default="./piimask",
                        help="the piimask executable as executors see it (default ./piimask, shipped with --files)")
    parser.add_argument("--partitions", type=int, default=0,
                        help="output partitions (default: the context's default parallelism)")
    parser.add_argument("--piimask-arg", action="append", default=[],
                        help="extra argument for piimask, e.g. --piimask-arg=--rules=my.yaml (repeatable)")
    args = parser.parse_args(argv)

    sc = SparkContext.getOrCreate()
    partitions = args.partitions or sc.defaultParallelism
    counts = mask_archive(sc, args.input, args.output, args.binary, partitions, args.piimask_arg)
    print(json.dumps(counts))
    return 0 if counts["lines_in"] == counts["lines_out"] else 1


if __name__ == "__main__":
    sys.exit(main())
