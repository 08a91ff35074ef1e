"""Tests of the dummy transform against a recording S3 client: python3 -m unittest discover transforms"""
import json
import unittest

import dummy_transform as t


class RecordingS3:
    def __init__(self):
        self.calls = []

    def copy_object(self, **kwargs):
        self.calls.append(("copy_object", kwargs))

    def put_object(self, **kwargs):
        self.calls.append(("put_object", kwargs))


def args(**overrides):
    base = {"batch-id": "b-1", "team": "engineering", "dataset": "legislators", "object-count": "2",
            "object-keys": json.dumps(["raw/engineering/legislators/persons/a.json",
                                       "raw/engineering/legislators/persons/b.json"]),
            "source-bucket": "lake", "target-bucket": "lake", "output-prefix": "post-stage"}
    base.update(overrides)
    return base


class DummyTransformTest(unittest.TestCase):
    def test_reads_the_arguments_glue_passes(self):
        argv = ["script.py", "--batch-id", "b-1", "--job-bookmark-option", "job-bookmark-disable", "--team", "eng"]
        self.assertEqual({"batch-id": "b-1", "job-bookmark-option": "job-bookmark-disable", "team": "eng"},
                         t.arguments(argv))

    def test_copies_each_object_to_the_output_prefix(self):
        s3 = RecordingS3()
        self.assertEqual({"batchId": "b-1", "written": 2}, t.run(args(), s3))
        self.assertEqual(("copy_object", {"Bucket": "lake", "Key": "post-stage/engineering/legislators/persons/a.json",
                                          "CopySource": {"Bucket": "lake",
                                                         "Key": "raw/engineering/legislators/persons/a.json"}}),
                         s3.calls[0])

    def test_running_a_batch_twice_writes_the_same_targets(self):
        first, second = RecordingS3(), RecordingS3()
        t.run(args(), first)
        t.run(args(**{"batch-id": "b-2"}), second)
        self.assertEqual([c[1]["Key"] for c in first.calls], [c[1]["Key"] for c in second.calls])

    def test_an_aggregate_marker_writes_a_manifest(self):
        s3 = RecordingS3()
        t.run(args(**{"dataset": "summary", "object-count": "1",
                      "object-keys": json.dumps(["aggregate/engineering-summary/2024-03-01"])}), s3)
        name, call = s3.calls[0]
        self.assertEqual("put_object", name)
        self.assertEqual("post-stage/engineering/summary/2024-03-01.json", call["Key"])
        self.assertEqual({"batchId": "b-1", "dataset": "engineering-summary", "day": "2024-03-01"},
                         json.loads(call["Body"]))

    def test_broken_arguments_fail_the_run_with_the_reason(self):
        with self.assertRaisesRegex(t.ContractError, "--object-count is 3 but --object-keys has 2 keys"):
            t.plan(args(**{"object-count": "3"}))
        with self.assertRaisesRegex(t.ContractError, "missing arguments: --team"):
            t.plan(args(team=""))
        with self.assertRaisesRegex(t.ContractError, "not a JSON array"):
            t.plan(args(**{"object-keys": "a,b"}))


if __name__ == "__main__":
    unittest.main()
