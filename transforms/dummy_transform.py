"""datalake-wlm dummy transform: the Glue job (Python shell) used to test a deployment.

It does what a stage-B transform must do (transforms/CONTRACT.md) and nothing else: for each
object of the batch it copies s3://<source-bucket>/<key> to
s3://<target-bucket>/<output-prefix>/<key without its first segment>, so
raw/engineering/legislators/persons/a.json lands at post-stage/engineering/legislators/persons/a.json.
An aggregate dataset's batch holds one marker key, aggregate/<team>-<dataset>/<day>: for it the
transform writes a small JSON manifest at <output-prefix>/<team>/<dataset>/<day>.json.

Copies and the manifest overwrite their targets, so running a batch twice (a retry, a requeue
after a lost lease) leaves the same output. Any problem raises: the job run fails, and the
dispatcher requeues the batch or dead-letters it with the cause.
"""
import json
import sys

REQUIRED = ("batch-id", "team", "dataset", "object-count", "object-keys",
            "source-bucket", "target-bucket", "output-prefix")


class ContractError(Exception):
    """The job was started with arguments that break the contract."""


def arguments(argv):
    """The --name value pairs of a Glue job's command line (Glue adds some of its own)."""
    args = {}
    i = 1
    while i < len(argv):
        if argv[i].startswith("--") and i + 1 < len(argv):
            args[argv[i][2:]] = argv[i + 1]
            i += 2
        else:
            i += 1
    return args


def plan(args):
    """The copies and manifests to write: a list of ("copy", source, target) or ("manifest", target, body)."""
    missing = [name for name in REQUIRED if not args.get(name)]
    if missing:
        raise ContractError("missing arguments: " + ", ".join("--" + m for m in missing))
    try:
        keys = json.loads(args["object-keys"])
    except ValueError as e:
        raise ContractError("--object-keys is not a JSON array: %s" % e)
    if not isinstance(keys, list) or not all(isinstance(k, str) and k for k in keys):
        raise ContractError("--object-keys must be a JSON array of object keys")
    if str(len(keys)) != args["object-count"]:
        raise ContractError("--object-count is %s but --object-keys has %d keys" % (args["object-count"], len(keys)))
    prefix = args["output-prefix"].strip("/")
    steps = []
    for key in keys:
        parts = key.split("/")
        if parts[0] == "aggregate" and len(parts) == 3:
            body = json.dumps({"batchId": args["batch-id"], "dataset": parts[1], "day": parts[2]})
            steps.append(("manifest", "%s/%s/%s/%s.json" % (prefix, args["team"], args["dataset"], parts[2]), body))
        elif len(parts) > 1:
            steps.append(("copy", key, prefix + "/" + "/".join(parts[1:])))
        else:
            raise ContractError("object key %r has no stage prefix (expected e.g. raw/<team>/<dataset>/...)" % key)
    return steps


def run(args, s3):
    """Carries out the plan with an S3 client; returns a summary for the job's log."""
    steps = plan(args)
    for step in steps:
        if step[0] == "copy":
            s3.copy_object(Bucket=args["target-bucket"], Key=step[2],
                           CopySource={"Bucket": args["source-bucket"], "Key": step[1]})
        else:
            s3.put_object(Bucket=args["target-bucket"], Key=step[1], Body=step[2].encode("utf-8"),
                          ContentType="application/json")
    return {"batchId": args["batch-id"], "written": len(steps)}


def main(argv):
    args = arguments(argv)
    import boto3  # present in Glue's Python shell; imported late so the tests need no AWS

    print(json.dumps(run(args, boto3.client("s3"))))


if __name__ == "__main__":
    main(sys.argv)
