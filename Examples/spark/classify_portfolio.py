#!/usr/bin/env python3
"""Classify a portfolio on Apache Spark with `dualscope batch` as a filter on every partition.

    python3 classify_portfolio.py INPUT OUT --binary PATH/dualscope \
        --id-column id --text-columns title,abstract [--carry-columns a,b] \
        [--format jsonl|parquet] [--batch-args "--cut 0.2"] [--taxonomy-dir DIR] \
        [--partitions N] [--master local[2]] [--also-json]

INPUT is a JSONL file or folder (plain or gzip) or Parquet, chosen by the extension or --format.
Writes
    OUT/results         Parquet, one row a classified record (the result line's columns, plus
                        `partition`: `line` counts the lines of that partition's stream)
    OUT/errors          Parquet, one row an error record (source, line, id, reason, partition)
    OUT/_metadata.json  taxonomy id, release, content hash, tool version and options (from the
                        partitions' run metadata, which must agree), summed counts and the check
                        records in = results + error records
    OUT/results-json    with --also-json: the results as JSON lines too (for comparisons)

Every partition's rows go, as JSON lines holding only the id, text and carry columns, to the
standard input of one `dualscope batch -` process; its standard output (results) and standard
error (error records, `--errors -`) are read while it runs. A process that exits with 2, dies on
a signal, or whose counts do not add up makes the task raise with its standard error, so Spark
fails the task and retries it: no partition is lost without a failed job.

Requires PySpark (3.5 or 4.x) and Java 17. See README.md in this folder.
"""

import argparse
import json
import os
import shlex
import stat
import subprocess
import sys
import tempfile
import threading
import time

from pyspark.accumulators import AccumulatorParam

RESULT_SCHEMA = (
    "id string, source string, line long, status string, level string, words long, "
    "areas array<struct<id: string, name: string, score: double, threshold: double, level: string>>, "
    "fields array<struct<id: string, area: string, name: string, score: double, threshold: double, "
    "sensitivity: string, level: string, dual_use: array<string>, "
    "evidence: array<struct<term: string, language: string, weight: double, contribution: double, weak: boolean, "
    "matches: array<struct<start: long, end: long, text: string, kind: string>>>>>>, "
    "carried map<string, string>, invalid_utf8 boolean"
)
ERROR_SCHEMA = "source string, line long, id string, reason string, partition int"


def parse_arguments(argv):
    p = argparse.ArgumentParser(description="Classify a portfolio on Spark through `dualscope batch`.")
    p.add_argument("input", help="JSONL (plain or .gz) or Parquet: a file or a folder")
    p.add_argument("out", help="output folder (results, errors, _metadata.json)")
    p.add_argument("--binary", default="dualscope", help="the dualscope binary on the driver (shipped with addFile)")
    p.add_argument("--format", choices=["jsonl", "parquet"], help="input format (default: from the extension)")
    p.add_argument("--id-column", default="id")
    p.add_argument("--text-columns", default="title,abstract", help="comma-separated")
    p.add_argument("--carry-columns", default="", help="comma-separated; carried as strings")
    p.add_argument("--batch-args", default="", help="extra `dualscope batch` flags, e.g. \"--cut 0.2 --threads 1\"")
    p.add_argument("--taxonomy-dir", help="a release folder to ship to the executors and classify with")
    p.add_argument("--partitions", type=int, help="repartition the input into N partitions first")
    p.add_argument("--master", help="Spark master (default: spark-submit's, else local[*])")
    p.add_argument("--also-json", action="store_true", help="also write the results as JSON lines")
    return p.parse_args(argv)


def columns(text):
    return [c.strip() for c in text.split(",") if c.strip()]


def input_format(args):
    if args.format:
        return args.format
    path = args.input.rstrip("/")
    return "parquet" if path.endswith(".parquet") or path.endswith(".pq") else "jsonl"


def executable(path):
    """The shipped binary, made executable (a copy when the file cannot be changed)."""
    mode = os.stat(path).st_mode
    if mode & stat.S_IXUSR:
        return path
    try:
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        return path
    except OSError:
        copy = os.path.join(tempfile.mkdtemp(prefix="dualscope-bin-"), "dualscope")
        with open(path, "rb") as src, open(copy, "wb") as dst:
            dst.write(src.read())
        os.chmod(copy, 0o755)
        return copy


class PartitionReports(AccumulatorParam):
    """Each partition's error records and run metadata, by partition: a partition computed twice
    (a stage run again after a lost executor) replaces its report instead of adding to it."""

    def zero(self, value):
        return {}

    def addInPlace(self, a, b):
        a.update(b)
        return a


def classify_partition(binary_name, taxonomy_name, flags, reports):
    """The function run on every partition: JSON lines in, result lines out; the partition's
    error records and run metadata go to the driver through the `reports` accumulator."""

    def run(index, rows):
        from pyspark import SparkFiles

        rows = iter(rows)
        first = next(rows, None)
        if first is None:
            return  # an empty partition starts no process
        binary = executable(SparkFiles.get(binary_name))
        command = [binary, "batch", "-", "--input-format", "jsonl"] + flags
        if taxonomy_name:
            command += ["--taxonomy", SparkFiles.get(taxonomy_name)]
        scratch = tempfile.mkdtemp(prefix="dualscope-part-")
        metadata_path = os.path.join(scratch, "metadata.json")
        command += ["--metadata", metadata_path, "--errors", "-", "--quiet"]
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

        fed = [0]
        feed_failure = []

        def feed():
            # Lines are written in blocks; a closed pipe (the process died) ends the feeding and
            # the exit status below tells why.
            try:
                block = [first.encode("utf-8"), b"\n"]
                n = 1
                for row in rows:
                    block.append(row.encode("utf-8"))
                    block.append(b"\n")
                    n += 1
                    if len(block) >= 2000:
                        process.stdin.write(b"".join(block))
                        block = []
                process.stdin.write(b"".join(block))
                fed[0] = n
            except BrokenPipeError as e:
                feed_failure.append(e)
            except BaseException as e:  # the rows themselves failed: report it in the task
                feed_failure.append(e)
            finally:
                try:
                    process.stdin.close()
                except OSError:
                    pass

        stderr_chunks = []

        def drain_stderr():
            stderr_chunks.append(process.stderr.read())

        writer = threading.Thread(target=feed, daemon=True)
        reader = threading.Thread(target=drain_stderr, daemon=True)
        writer.start()
        reader.start()

        results = 0
        for line in process.stdout:
            line = line.rstrip(b"\n")
            if line:
                results += 1
                yield line.decode("utf-8")
        status = process.wait()
        writer.join()
        reader.join()
        stderr = b"".join(stderr_chunks)

        def fail(why):
            text = stderr.decode("utf-8", "replace")[-4000:]
            raise RuntimeError(f"dualscope batch on partition {index}: {why}\n{' '.join(command)}\n{text}")

        if status not in (0, 1):
            fail(f"exit status {status}")
        if feed_failure:
            fail(f"feeding the process failed: {feed_failure[0]!r}")
        error_lines = [e for e in stderr.split(b"\n") if e.strip()]
        if status == 1 and not error_lines:
            fail("exit status 1 without error records")
        errors = []
        for e in error_lines:
            try:
                record = json.loads(e)
                errors.append((record["source"], record["line"], record["id"], record["reason"], index))
            except (ValueError, KeyError, TypeError):
                fail("standard error holds something other than error records")
        try:
            with open(metadata_path, encoding="utf-8") as f:
                metadata = json.load(f)
        except (OSError, ValueError) as e:
            fail(f"no run metadata ({e})")
        finally:
            for name in os.listdir(scratch):
                os.remove(os.path.join(scratch, name))
            os.rmdir(scratch)
        records = metadata["counts"]["records"]
        if records != fed[0] or records != results + len(error_lines):
            fail(f"counts do not add up: {fed[0]} fed, {records} read, {results} results + {len(error_lines)} errors")
        reports.add({index: {"fed": fed[0], "results": results, "errors": errors, "run": metadata}})

    return run


def local_or_uri(path):
    """A driver path made absolute; a URI (hdfs://, s3a://, …) as it is, for addFile."""
    return path if "://" in path else os.path.abspath(path)


def add_counts(total, part):
    for key, value in part.items():
        if isinstance(value, dict):
            add_counts(total.setdefault(key, {}), value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            total[key] = total.get(key, 0) + value
    return total


def main(argv):
    args = parse_arguments(argv)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession, functions as F

    started = time.time()
    builder = SparkSession.builder.appName("dualscope-classify").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")

    id_column, text_columns, carry_columns = args.id_column, columns(args.text_columns), columns(args.carry_columns)
    needed = list(dict.fromkeys([id_column] + text_columns + carry_columns))

    # The binary (and a release folder, when given) reach every executor through SparkFiles. The
    # shipped release is embedded in the binary, so the binary alone is enough by default.
    binary = local_or_uri(args.binary)
    sc.addFile(binary)
    taxonomy_name = None
    if args.taxonomy_dir:
        taxonomy_dir = local_or_uri(args.taxonomy_dir).rstrip("/")
        sc.addFile(taxonomy_dir, recursive=True)
        taxonomy_name = os.path.basename(taxonomy_dir)

    flags = ["--id-column", id_column, "--text-columns", ",".join(text_columns)]
    if carry_columns:
        flags += ["--carry-columns", ",".join(carry_columns)]
    extra = shlex.split(args.batch_args)
    if "--threads" not in extra:
        extra += ["--threads", "1"]  # Spark runs one task a core: one thread a process
    flags += extra

    # Only the needed columns, as strings (a number or a list in JSONL arrives as its JSON text).
    if input_format(args) == "parquet":
        frame = spark.read.parquet(args.input).select(*[F.col(c).cast("string").alias(c) for c in needed])
    else:
        schema = ", ".join(f"`{c}` string" for c in needed)
        frame = spark.read.schema(schema).json(args.input)
    if args.partitions:
        frame = frame.repartition(args.partitions)

    reports = sc.accumulator({}, PartitionReports())
    lines = frame.toJSON().mapPartitionsWithIndex(
        classify_partition(os.path.basename(binary), taxonomy_name, flags, reports)
    )
    # One pass: the result lines are parsed by Spark's JSON reader against the explicit schema and
    # written; `partition` is the stream's index (no shuffle in between, so the partition's own).
    results = spark.read.schema(RESULT_SCHEMA).json(lines).withColumn("partition", F.spark_partition_id())
    results.write.mode("overwrite").parquet(os.path.join(args.out, "results"))
    parts = reports.value
    metas = [parts[i] for i in sorted(parts)]
    error_rows = [e for m in metas for e in m["errors"]]
    errors = spark.createDataFrame(error_rows, ERROR_SCHEMA).coalesce(1)
    errors.write.mode("overwrite").parquet(os.path.join(args.out, "errors"))
    if args.also_json:
        spark.read.parquet(os.path.join(args.out, "results")).write.mode("overwrite").json(
            os.path.join(args.out, "results-json"))
    written_results = spark.read.parquet(os.path.join(args.out, "results")).count()
    written_errors = spark.read.parquet(os.path.join(args.out, "errors")).count()

    fed = sum(m["fed"] for m in metas)
    balanced = fed == written_results + written_errors == sum(m["results"] + len(m["errors"]) for m in metas)
    runs = [m["run"] for m in metas]
    hashes = {json.dumps(r["metadata"], sort_keys=True) for r in runs}
    if len(hashes) > 1:
        raise SystemExit("the partitions ran with different releases or options: " + " | ".join(sorted(hashes)))
    counts = {}
    for r in runs:
        add_counts(counts, r["counts"])
    summary = {
        "schema": "dualscope.spark-run/1",
        "metadata": runs[0]["metadata"] if runs else None,
        "spark": {
            "input": args.input,
            "input_format": input_format(args),
            "layout": {"id_column": id_column, "text_columns": text_columns, "carry_columns": carry_columns},
            "batch_flags": flags,
            "taxonomy_dir": args.taxonomy_dir,
            "partitions": len(runs),
            "spark_version": spark.version,
            "master": sc.master,
        },
        "counts": counts,
        "check": {"records_in": fed, "results": written_results, "errors": written_errors, "balanced": balanced},
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "seconds": round(time.time() - started, 3),
    }
    text = json.dumps(summary, indent=2, sort_keys=True) + "\n"
    if "://" in args.out and not args.out.startswith("file://"):
        # A cluster file system: a one-part text folder at OUT/_metadata.json.
        sc.parallelize([text], 1).saveAsTextFile(os.path.join(args.out, "_metadata.json"))
    else:
        with open(os.path.join(args.out.removeprefix("file://"), "_metadata.json"), "w", encoding="utf-8") as f:
            f.write(text)
    spark.stop()
    print(
        f"{fed} records: {written_results} results + {written_errors} error records"
        + (" (checked)" if balanced else " (COUNTS DO NOT ADD UP)")
        + f" in {summary['seconds']:.1f} s, {len(runs)} partitions",
        file=sys.stderr,
    )
    return 0 if balanced else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
