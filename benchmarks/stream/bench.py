"""Throughput of `piimask stream` (events/s with 1 and 2 workers) and of the Spark job
against one filter process on the same archive. Run through run.sh, which builds the
release binaries and the Python venv.

stream: a fresh nats-server -js on a free loopback port per run; the archive's events are
published first (to chat.conv.<conversation>, mapped onto P partitions), then P workers
start and the clock runs until CHAT_MASKED holds every event.
spark: mask_archive.py in local[2] (job time, Spark start-up excluded) against
`piimask --format ndjson` (one process, default threads) reading the same file.
"""

import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import nats

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PIIMASK = os.path.join(ROOT, ".build", "release", "piimask")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(folder, partitions):
    port = free_port()
    config = os.path.join(folder, "nats.conf")
    with open(config, "w") as out:
        out.write('listen: "127.0.0.1:%d"\njetstream { store_dir: "%s" }\n' % (port, os.path.join(folder, "store")))
        out.write('mappings = { "chat.conv.*": "chat.in.{{partition(%d,1)}}" }\n' % partitions)
    server = subprocess.Popen(["nats-server", "-c", config], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return server, "nats://127.0.0.1:%d" % port
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("nats-server did not start")


async def produce(url, lines):
    nc = await nats.connect(url)
    js = nc.jetstream()
    for name, subject in [("CHAT_IN", "chat.in.*"), ("CHAT_MASKED", "chat.masked.*"),
                          ("CHAT_DEADLETTER", "chat.deadletter.*")]:
        await js.add_stream(name=name, subjects=[subject], duplicate_window=600)
    start = time.perf_counter()
    window = 512
    for offset in range(0, len(lines), window):
        chunk = lines[offset:offset + window]
        await asyncio.gather(*(js.publish("chat.conv." + json.loads(line)["conversation"], line.encode())
                               for line in chunk))
    seconds = time.perf_counter() - start
    await nc.close()
    return seconds


async def wait_for(url, stream, count, timeout):
    nc = await nats.connect(url)
    js = nc.jetstream()
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        info = await js.stream_info(stream)
        if info.state.messages >= count:
            await nc.close()
            return True
        await asyncio.sleep(0.01)
    await nc.close()
    return False


def bench_stream(archive, workers, batch):
    with open(archive, encoding="utf-8") as source:
        lines = [line.rstrip("\n") for line in source if line.strip()]
    folder = tempfile.mkdtemp(prefix="piimask-bench-")
    server, url = start_server(folder, workers)
    try:
        produce_seconds = asyncio.run(produce(url, lines))
        start = time.perf_counter()
        procs = [subprocess.Popen([PIIMASK, "stream", "--server", url, "--partition", str(p), "--batch", str(batch)],
                                  stderr=subprocess.DEVNULL) for p in range(workers)]
        done = asyncio.run(wait_for(url, "CHAT_MASKED", len(lines), timeout=600))
        seconds = time.perf_counter() - start
        for proc in procs:
            proc.terminate()
            proc.wait()
        if not done:
            raise RuntimeError("the workers did not finish")
        return {"workers": workers, "events": len(lines), "batch": batch, "seconds": round(seconds, 3),
                "events_per_second": round(len(lines) / seconds), "produce_events_per_second": round(len(lines) / produce_seconds)}
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(folder, ignore_errors=True)


def bench_spark(archive):
    sys.path.insert(0, os.path.join(ROOT, "scale", "spark"))
    import mask_archive
    from pyspark import SparkConf, SparkContext

    size_mb = os.path.getsize(archive) / 1e6
    start = time.perf_counter()
    with open(archive, "rb") as source:
        subprocess.run([PIIMASK, "--format", "ndjson"], stdin=source, stdout=subprocess.DEVNULL, check=True)
    filter_seconds = time.perf_counter() - start

    conf = SparkConf().setMaster("local[2]").setAppName("piimask-bench").set("spark.ui.enabled", "false")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    folder = tempfile.mkdtemp(prefix="piimask-spark-bench-")
    try:
        start = time.perf_counter()
        counts = mask_archive.mask_archive(sc, archive, os.path.join(folder, "out"), PIIMASK, partitions=2)
        spark_seconds = time.perf_counter() - start
    finally:
        sc.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return {"archive_mb": round(size_mb, 1), "lines": counts["lines_in"], "lines_out": counts["lines_out"],
            "filter_seconds": round(filter_seconds, 2), "filter_mb_per_s": round(size_mb / filter_seconds, 1),
            "spark_local2_seconds": round(spark_seconds, 2), "spark_mb_per_s": round(size_mb / spark_seconds, 1)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stream-archive", required=True)
    parser.add_argument("--spark-archive", required=True)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--only", choices=["stream", "spark"])
    args = parser.parse_args()
    if args.only != "spark":
        for workers in (1, 2):
            print(json.dumps({"stream": bench_stream(args.stream_archive, workers, args.batch)}), flush=True)
    if args.only != "stream":
        print(json.dumps({"spark": bench_spark(args.spark_archive)}), flush=True)


if __name__ == "__main__":
    main()
