"""Runs mask_archive.py in local[2] on a generated archive (run through run-test.sh).

Checks that lines in equal lines out, that each conversation comes out whole, in one
partition file and in archive order, that no planted raw value survives, and that a piimask
child that dies makes the job fail. PIIMASK_BINARY names the piimask executable.
"""

import json
import os
import pathlib
import re
import stat
import tempfile
import unittest

from pyspark import SparkConf, SparkContext

import mask_archive

CONVERSATIONS = 60
EVENTS_PER_CONVERSATION = 30


def generate_archive(path):
    """Writes interleaved events of CONVERSATIONS conversations; returns the planted values."""
    planted = []
    with open(path, "w", encoding="utf-8") as out:
        for seq in range(1, EVENTS_PER_CONVERSATION + 1):
            for index in range(CONVERSATIONS):
                phone = "+4479661%05d" % ((index * 37 + seq) % 100000)
                mail = "client%dn%d@example.org" % (index, seq)
                planted += [phone, mail]
                event = {"event": "message", "conversation": "conv-%03d" % index,
                         "message": {"seq": seq, "text": "reach me on %s or %s" % (phone, mail)}}
                out.write(json.dumps(event) + "\n")
    return planted


class MaskArchiveTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.binary = os.environ["PIIMASK_BINARY"]
        conf = (SparkConf().setMaster("local[2]").setAppName("piimask-spark-test")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false").set("spark.task.maxFailures", "1"))
        cls.sc = SparkContext(conf=conf)
        cls.sc.setLogLevel("ERROR")
        cls.folder = tempfile.TemporaryDirectory(prefix="piimask-spark-")
        cls.archive = os.path.join(cls.folder.name, "archive.ndjson")
        cls.planted = generate_archive(cls.archive)

    @classmethod
    def tearDownClass(cls):
        cls.sc.stop()
        cls.folder.cleanup()

    def test_masks_every_line_grouped_and_in_order(self):
        output = os.path.join(self.folder.name, "out")
        counts = mask_archive.mask_archive(self.sc, self.archive, output, self.binary, partitions=4)
        total = CONVERSATIONS * EVENTS_PER_CONVERSATION
        self.assertEqual(counts, {"lines_in": total, "lines_out": total})
        written = pathlib.Path(output, "counts", "part-00000").read_text().strip()
        self.assertEqual(json.loads(written), counts)

        parts = sorted(pathlib.Path(output, "masked").glob("part-*"))
        self.assertEqual(len(parts), 4)
        file_of, seqs = {}, {}
        text = ""
        for part in parts:
            content = part.read_text(encoding="utf-8")
            text += content
            for line in content.splitlines():
                event = json.loads(line)
                conversation = event["conversation"]
                self.assertEqual(file_of.setdefault(conversation, part.name), part.name,
                                 "a conversation is split over partition files")
                seqs.setdefault(conversation, []).append(event["message"]["seq"])
        self.assertEqual(len(seqs), CONVERSATIONS)
        for conversation, order in seqs.items():
            self.assertEqual(order, list(range(1, EVENTS_PER_CONVERSATION + 1)), conversation)
        leaked = [value for value in self.planted if value in text]
        self.assertEqual(leaked, [])
        self.assertEqual(len(re.findall(r"reach me on \*{9}[0-9]{4} or c\*+@example\.org", text)),
                         total, "every planted phone and address is masked")

    def test_a_child_that_dies_fails_the_job(self):
        # Masks the first 2,000 bytes of its partition, then is killed: without checkCode the
        # job would succeed with the rest of the partition missing.
        dying = os.path.join(self.folder.name, "dying-piimask")
        with open(dying, "w") as script:
            script.write('#!/bin/sh\nhead -c 2000 | "%s" "$@"\nkill -9 $$\n' % self.binary)
        os.chmod(dying, os.stat(dying).st_mode | stat.S_IXUSR)
        output = os.path.join(self.folder.name, "out-dying")
        with self.assertRaises(Exception) as failure:
            mask_archive.mask_archive(self.sc, self.archive, output, dying, partitions=2)
        self.assertIn("exit", str(failure.exception).lower())
        self.assertFalse(pathlib.Path(output, "masked", "_SUCCESS").exists())


if __name__ == "__main__":
    unittest.main()
