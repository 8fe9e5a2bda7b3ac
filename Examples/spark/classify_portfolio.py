#!/usr/bin/env python3
"""Classify a portfolio on Apache Spark with `dualscope batch` as a filter on every partition.

    python3 classify_portfolio.py INPUT OUT --binary PATH/dualscope \
        --id-column id --text-columns title,abstract [--carry-columns a,b] \
        [--format jsonl|parquet] [--batch-args "--cut 0.2"] [--taxonomy-dir DIR] \
        [--partitions N] [--master local[2]] [--also-json] [--compression snappy|none|zstd] \
        [--reader tasks|spark] [--writer tasks|spark]

INPUT is a JSONL file or folder (plain or gzip) or Parquet, chosen by the extension or --format.
Writes
    OUT/results         Parquet, one row a classified record (the result line's columns, plus
                        `partition`: `line` counts the lines of that partition's stream)
    OUT/errors          Parquet, one row an error record (source, line, id, reason, partition)
    OUT/_metadata.json  taxonomy id, release, content hash, tool version and options (from the
                        partitions' run metadata, which must agree), summed counts and the check
                        records in = results + error records
    OUT/results-json    with --also-json: the results as JSON lines too (for comparisons)

JSONL is cut into byte ranges as Spark cuts text files (a range a partition; a gzip file is one
range), and each task reads its own range with pyarrow's file systems (local, HDFS, S3, GCS) and
streams it, as it is, to the standard input of one `dualscope batch - --format arrow` process:
neither the JVM nor Python handles a line (`--reader tasks`, the default; `--reader spark` reads
the lines with Spark's text reader and hands them to the tasks in Arrow batches). Parquet is read
by Spark: the id, text and carry columns, as JSON lines. The process's standard output is an
Arrow IPC stream of the results (the result lines' columns and nesting), read by pyarrow as
record batches, so neither the JVM nor Python parses any result text, and the task writes its
partition's results as one Parquet file with pyarrow (`--writer tasks`, the default; `--writer
spark` hands the Arrow batches back to Spark's own Parquet writer); its standard error (error
records, `--errors -`) is read while it runs. A process that exits with 2, dies on a signal, did
not read every byte it was given, or whose counts do not add up makes the task raise with its
standard error, so Spark fails the task and retries it: no partition is lost without a failed
job.

Requires PySpark (3.5 or 4.x) with Java 17, and pyarrow and pandas (PySpark's `mapInArrow` needs
both). See README.md in this folder.
"""

import argparse
import json
import os
import re
import shlex
import stat
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from pyspark.accumulators import AccumulatorParam

try:
    import fcntl
except ImportError:  # not on Windows
    fcntl = None
F_SETPIPE_SZ = 1031  # Linux's fcntl command for a pipe's buffer size

def result_schema(screening=False):
    """The result line's columns as an Arrow schema (the Spark schema is derived from it)."""
    import pyarrow as pa

    s, i, d, b = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    match = pa.struct([("start", i), ("end", i), ("text", s), ("kind", s)])
    evidence = pa.struct([
        ("term", s), ("language", s), ("weight", d), ("contribution", d), ("weak", b),
        ("matches", pa.list_(match)),
    ])
    area = pa.struct([("id", s), ("name", s), ("score", d), ("threshold", d), ("level", s)])
    field = pa.struct([
        ("id", s), ("area", s), ("name", s), ("score", d), ("threshold", d), ("sensitivity", s), ("level", s),
        ("dual_use", pa.list_(s)), ("evidence", pa.list_(evidence)),
    ])
    columns = [
        ("id", s), ("source", s), ("line", i), ("status", s), ("level", s), ("words", i),
        ("areas", pa.list_(area)), ("fields", pa.list_(field)),
        ("carried", pa.map_(s, s)), ("invalid_utf8", b),
    ]
    if screening:
        reason = pa.struct([("level", s), ("regime", s), ("measure", s), ("text", s)])
        columns.append(("screening", pa.struct([
            ("triage", pa.struct([("level", s), ("reasons", pa.list_(reason))])),
            ("regimes", pa.list_(pa.struct([("id", s), ("status", s), ("level", s)]))),
            ("organisations", pa.list_(pa.struct([
                ("partner", s), ("list", s), ("organisation", s), ("alias", s), ("level", s)]))),
        ])))
    columns.append(("partition", pa.int32()))
    return pa.schema(columns)


ERROR_SCHEMA = "source string, line long, id string, reason string, partition int"
# What a task yields when it writes its results itself (--writer tasks): its partition and count.
SUMMARY_SCHEMA = "partition int, rows long"
# `dualscope batch` options that name screening columns: with any of them every result line has a
# `screening` object (docs/result-schema.md).
SCREENING_FLAGS = ("--partner-country-column", "--partner-org-column", "--nationality-column", "--funding-column")


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
    p.add_argument("--partitions", type=int,
                   help="JSONL read by the tasks: byte ranges of about 1/N of the input; otherwise repartition into N")
    p.add_argument("--master", help="Spark master (default: spark-submit's, else local[*])")
    p.add_argument("--also-json", action="store_true", help="also write the results as JSON lines")
    p.add_argument("--compression", default="snappy", help="Parquet compression (snappy, zstd, none, …)")
    p.add_argument("--arrow-batch-rows", type=int, default=20000, help="rows an Arrow batch to the Python workers")
    p.add_argument("--repeat", type=int, default=1,
                   help="run the classifying pass N times in one session (to measure it once warm)")
    p.add_argument("--reader", choices=["tasks", "spark"], default="tasks",
                   help="who reads JSONL input: each task its byte ranges of the files with pyarrow (default), "
                        "or Spark's text reader (Parquet input is always read by Spark)")
    p.add_argument("--writer", choices=["tasks", "spark"], default="tasks",
                   help="who writes the results' Parquet: each task with pyarrow (default), or Spark's writer")
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


def classify_partition(binary_name, taxonomy_name, flags, schema, reports, results_uri=None, compression="snappy",
                       source_uri=None):
    """The function run on every partition by `mapInArrow`: Arrow batches of JSON lines (one
    string column) in, or with `source_uri` (`--reader tasks`) the partition's byte ranges of the
    input files (`path`, `start`, `end`; paths of the file system of `source_uri`), read by the task
    itself. The lines go to one `dualscope batch - --format arrow` process as they are; its
    results come back as Arrow record batches. With `results_uri`
    (`--writer tasks`) the task writes them as one Parquet file there and yields one row, the
    partition and its count (`SUMMARY_SCHEMA`); without it, it yields the results' Arrow batches.
    The partition's error records and run metadata go to the driver through the `reports`
    accumulator."""

    def run(batches):
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.fs as pafs
        import pyarrow.ipc as ipc
        import pyarrow.parquet as pq
        from pyspark import SparkFiles, TaskContext

        index = TaskContext.get().partitionId()

        def lines_of(batch):
            """A batch's non-blank lines (each already ending in a newline), as one block of bytes
            read in place from the Arrow buffer, and how many."""
            column = batch.column(0)
            keep = pc.invert(pc.utf8_is_space(column))  # blank lines: `batch` skips them, so do we
            if column.null_count or not pc.all(keep).as_py():
                column = column.filter(pc.and_kleene(keep, pc.is_valid(column)))
            n = len(column)
            if n == 0:
                return b"", 0
            offsets = np.frombuffer(column.buffers()[1], dtype=np.int32, count=column.offset + n + 1)
            return memoryview(column.buffers()[2])[offsets[column.offset]:offsets[column.offset + n]], n

        def blocks():
            """The partition's input as (bytes, lines) blocks; lines is None when not counted."""
            if source_uri is None:
                for batch in batches:
                    yield lines_of(batch)
                return
            fs, _ = pafs.FileSystem.from_uri(source_uri)
            for batch in batches:
                for path, start, end in zip(*(batch.column(c).to_pylist() for c in ("path", "start", "end"))):
                    for data in range_blocks(fs, path, start, end):
                        yield data, None

        source = blocks()
        first = b""
        first_count = 0
        for first, first_count in source:
            if len(first):
                break
        if not len(first):
            return  # an empty partition starts no process

        binary = executable(SparkFiles.get(binary_name))
        command = [binary, "batch", "-", "--input-format", "jsonl", "--format", "arrow"] + flags
        if taxonomy_name:
            command += ["--taxonomy", SparkFiles.get(taxonomy_name)]
        scratch = tempfile.mkdtemp(prefix="dualscope-part-")
        process = None
        # Whatever ends the task (a failure, or Spark stopping early, which closes this generator at
        # a `yield`): a process still running is stopped and the scratch folder removed.
        try:
            metadata_path = os.path.join(scratch, "metadata.json")
            command += ["--metadata", metadata_path, "--errors", "-", "--quiet"]
            process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            # Pipes of 1 MB rather than 64 KB: the feeding thread, the process and the reader wake each
            # other a sixteenth as often (Linux only; elsewhere the default stays).
            for pipe in (process.stdin, process.stdout) if fcntl else ():
                try:
                    fcntl.fcntl(pipe.fileno(), F_SETPIPE_SZ, 1 << 20)
                except OSError:
                    pass

            # Lines fed (counted when read by Spark) and bytes fed.
            fed = [0, 0]
            feed_failure = []

            def feed():
                # A closed pipe (the process died) ends the feeding and the exit status tells why.
                try:
                    process.stdin.write(first)
                    n, size = first_count or 0, len(first)
                    for block, count in source:
                        if len(block):
                            process.stdin.write(block)
                            n += count or 0
                            size += len(block)
                    fed[0], fed[1] = n, size
                except BaseException as e:  # a broken pipe, or the input itself failed: report it in the task
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

            def to_results(batch):
                """A batch of the process's results with the schema's columns (the stream has the same
                columns and nesting; a calibrated release's `probability` and the nullability of
                nested fields are cast away) and the partition."""
                columns = []
                for f in schema:
                    if f.name == "partition":
                        columns.append(pa.array(np.full(batch.num_rows, index, dtype=np.int32)))
                    else:
                        column = batch.column(f.name)
                        columns.append(column if column.type == f.type else column.cast(f.type))
                return pa.RecordBatch.from_arrays(columns, schema=schema)

            # The results as a stream of record batches, one a chunk of the process. A process that
            # wrote no stream at all (it could not start) or broke one off yields what it wrote; its
            # exit status, standard error and counts tell why below.
            read_failure = []

            def result_batches():
                try:
                    for batch in ipc.open_stream(process.stdout):
                        yield to_results(batch)
                except (pa.ArrowInvalid, OSError) as e:
                    read_failure.append(e)
                    # Drained, so that a process still writing does not wait on a full pipe forever.
                    while process.stdout.read(1 << 20):
                        pass

            results = 0
            if results_uri is None:
                for out in result_batches():
                    results += out.num_rows
                    yield out
            else:
                # Written under a hidden name (readers skip names starting with a dot), then moved to
                # the partition's own name: a retried or speculative attempt writes the same bytes to
                # the same name, and a failed one leaves only a hidden file the driver removes.
                fs, folder = pafs.FileSystem.from_uri(results_uri)
                final = f"{folder}/part-{index:05d}.parquet"
                attempt = f"{folder}/.part-{index:05d}.parquet.{TaskContext.get().taskAttemptId()}"
                with pq.ParquetWriter(attempt, schema, filesystem=fs, compression=compression) as part:
                    for out in result_batches():
                        results += out.num_rows
                        part.write_batch(out)
            status = process.wait()
            writer.join()
            reader.join()
            stderr = b"".join(stderr_chunks)

            def fail(why):
                text = stderr.decode("utf-8", "replace")[-4000:]
                raise RuntimeError(f"dualscope batch on partition {index}: {why}\n{' '.join(command)}\n{text}")

            if status not in (0, 1):
                fail(f"exit status {status}")
            if read_failure:
                fail(f"reading its results failed: {read_failure[0]!r}")
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
            records = metadata["counts"]["records"]
            if source_uri is None:
                counted = records == fed[0]
            else:
                # Bytes read by the task: the process must have read them all (a gzip file's count is
                # of its decompressed bytes); the lines are counted by the process.
                fed[0] = records
                counted = metadata["input_bytes"] == fed[1] or first[:2] == b"\x1f\x8b"
            if not counted or records != results + len(error_lines):
                fail(f"counts do not add up: {fed[0]} lines and {fed[1]} bytes fed, {metadata['input_bytes']} bytes and "
                     f"{records} records read, {results} results + {len(error_lines)} errors")
            if results_uri is not None:
                if results:
                    fs.move(attempt, final)
                else:
                    fs.delete_file(attempt)
            reports.add({index: {"fed": fed[0], "results": results, "errors": errors, "run": metadata}})
            if results_uri is not None:
                yield pa.RecordBatch.from_arrays(
                    [pa.array([index], pa.int32()), pa.array([results], pa.int64())], names=["partition", "rows"])
        finally:
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
            shutil.rmtree(scratch, ignore_errors=True)


    return run


def range_blocks(fs, path, start, end, block=1 << 20):
    """The lines of a byte range [start, end) of a file on the pyarrow file system `fs`, in
    blocks of `block` bytes: those that start in the range, the last one read to its end (the
    rule of Hadoop's text splits, so every line is read by exactly one range of a file cut into
    ranges), and a newline after a last line that has none, so that the next file's first line
    starts a line of its own. A gzip file is one range, passed on compressed (`batch` reads
    gzip)."""
    last = b"\n"
    for data in _range_blocks(fs, path, start, end, block):
        if data:
            last = data[-1:]
            yield data
    if last != b"\n" and not path.endswith(".gz"):
        yield b"\n"


def _range_blocks(fs, path, start, end, block):
    with fs.open_input_file(path) as f:
        size = f.size()
        position = start
        if start > 0:
            # The line running over `start` belongs to the range before: skip to its end.
            position = start - 1
            while True:
                data = f.read_at(block, position)
                if not data:
                    return
                newline = data.find(b"\n")
                if newline >= 0:
                    position += newline + 1
                    break
                position += len(data)
            if position >= end:
                return
        while position < size:
            data = f.read_at(block, position)
            if not data:
                return
            if position + len(data) >= end:
                # The last line starts before `end`: read up to its newline.
                newline = data.find(b"\n", max(0, end - 1 - position))
                if newline >= 0:
                    yield data[: newline + 1]
                    return
            yield data
            position += len(data)


class UnreadableByTasks(Exception):
    """An input the tasks cannot read themselves (a file system pyarrow does not know, a codec
    other than gzip): Spark's text reader reads it instead."""


# Compression codecs Spark's text reader decodes by extension, besides gzip.
OTHER_CODECS = (".bz2", ".deflate", ".lz4", ".snappy", ".zst", ".xz")


def input_splits(path, parallelism, partitions=None):
    """The JSONL input's files as byte ranges for the tasks to read (`--reader tasks`): the URI of
    their file system and the partitions, each a list of (path, start, end) ranges. As Spark
    splits and packs text files: ranges and partitions of `total / parallelism` bytes, at least
    4 MB and at most 128 MB (with `partitions`, of `total / partitions` bytes); a gzip file is one
    range, since it cannot be read from the middle. Files and folders whose names start with `.`
    or `_` are skipped, as Spark does. Raises `UnreadableByTasks` for an input the tasks cannot
    read."""
    import pyarrow as pa
    import pyarrow.fs as pafs

    uri = folder_uri(path)
    try:
        fs, root = pafs.FileSystem.from_uri(uri)
        info = fs.get_file_info(root)
    except (pa.ArrowException, OSError, ValueError) as e:
        raise UnreadableByTasks(f"pyarrow cannot open it ({e})")
    if info.type == pafs.FileType.Directory:
        found = fs.get_file_info(pafs.FileSelector(root, recursive=True))
        files = sorted(
            (f for f in found if f.type == pafs.FileType.File
             and not any(part.startswith((".", "_")) for part in f.path[len(root):].split("/") if part)),
            key=lambda f: f.path)
    elif info.type == pafs.FileType.File:
        files = [info]
    elif re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", path):
        raise UnreadableByTasks("pyarrow does not find it")  # a scheme of Spark's own, such as dbfs:
    else:
        raise SystemExit(f"{path}: no such file or folder")
    compressed = [f.path for f in files if f.path.lower().endswith(OTHER_CODECS)]
    if compressed:
        raise UnreadableByTasks(f"{compressed[0]} is compressed with a codec other than gzip")
    total = sum(f.size for f in files)
    # Spark's rule (spark.sql.files.maxPartitionBytes, openCostInBytes): each file costs 4 MB
    # more than its size, so that many small files do not make as many partitions.
    open_cost = 0 if partitions else 4 << 20
    if partitions:
        size = max(1, -(-total // partitions))
    else:
        size = min(128 << 20, max(4 << 20, -(-(total + open_cost * len(files)) // max(1, parallelism))))
    # Ranges of at most `size` bytes, packed into partitions of at most `size` bytes (a range
    # with its open cost) in the files' order. A gzip file is one range and a partition of its
    # own: its process reads it as gzip.
    groups, group, group_bytes = [], [], 0
    for f in files:
        if f.size == 0:
            continue
        if f.path.endswith(".gz"):
            groups.append([(f.path, 0, f.size)])
            continue
        for start in range(0, f.size, size):
            end = min(start + size, f.size)
            cost = end - start + open_cost
            if group and group_bytes + cost > size:
                groups.append(group)
                group, group_bytes = [], 0
            group.append((f.path, start, end))
            group_bytes += cost
    if group:
        groups.append(group)
    return uri, groups


def local_or_uri(path):
    """A driver path made absolute; a URI (hdfs://, s3a://, …) as it is, for addFile."""
    return path if "://" in path else os.path.abspath(path)


def folder_uri(path):
    """A path as a URI pyarrow's file systems open: a local path made absolute, a URI as it is."""
    return path if "://" in path else "file://" + os.path.abspath(path)


def empty_folder(path):
    """Makes the results folder empty (written again, as Spark's `overwrite`); returns its URI."""
    import pyarrow.fs as pafs

    uri = folder_uri(path)
    fs, folder = pafs.FileSystem.from_uri(uri)
    if fs.get_file_info(folder).type != pafs.FileType.NotFound:
        fs.delete_dir(folder)
    fs.create_dir(folder)
    return uri


def finish_folder(uri, schema, compression):
    """After the tasks wrote their parts: removes what failed attempts left (hidden names), writes
    an empty part with the schema when no partition had a result (so the folder still reads as
    the result schema), and marks the folder complete with `_SUCCESS`, as Spark's writer does."""
    import pyarrow.fs as pafs
    import pyarrow.parquet as pq

    fs, folder = pafs.FileSystem.from_uri(uri)
    names = [(info.path, info.base_name) for info in fs.get_file_info(pafs.FileSelector(folder))]
    for path, name in names:
        if name.startswith(".part-"):
            fs.delete_file(path)
    if not any(name.startswith("part-") for _, name in names):
        pq.write_table(schema.empty_table(), f"{folder}/part-00000.parquet", filesystem=fs, compression=compression)
    with fs.open_output_stream(f"{folder}/_SUCCESS"):
        pass


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
    from pyspark.sql.pandas.types import from_arrow_schema

    started = time.time()
    builder = (
        SparkSession.builder.appName("dualscope-classify")
        .config("spark.ui.showConsoleProgress", "false")
        # Arrow batches of JSON lines to the Python workers; bigger than the default 10,000 rows.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(args.arrow_batch_rows))
        .config("spark.sql.parquet.compression.codec", args.compression)
    )
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    session_ready = time.time()

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
    screening_columns = [extra[i + 1] for i, a in enumerate(extra[:-1]) if a in SCREENING_FLAGS]
    screening_columns += [a.split("=", 1)[1] for a in extra if a.split("=", 1)[0] in SCREENING_FLAGS and "=" in a]
    screening = bool(screening_columns)
    needed += [c for c in screening_columns if c not in needed]
    schema = result_schema(screening=screening)

    # The input of the tasks. JSONL: the byte ranges each task reads itself (`--reader tasks`), or
    # one string column of its lines read by Spark as text; either way the lines go to `dualscope
    # batch` as they are, and the JVM never parses them. Parquet: only the needed columns, as
    # strings, written as JSON lines by the JVM.
    source_uri = None
    if input_format(args) == "parquet":
        frame = spark.read.parquet(args.input).select(
            F.to_json(F.struct(*[F.col(c).cast("string").alias(c) for c in needed])).alias("value"))
    else:
        groups = None
        if args.reader == "tasks":
            try:
                source_uri, groups = input_splits(args.input, sc.defaultParallelism, args.partitions)
            except UnreadableByTasks as e:
                print(f"note: {args.input}: {e}; Spark's text reader reads it (--reader spark)", file=sys.stderr)
        if groups is not None:
            # JSONL read by the tasks: one row a byte range, one group of ranges a partition.
            # Neither the JVM nor Python handles the lines; each task streams its ranges into its
            # process.
            frame = sc.parallelize(groups, max(1, len(groups))).flatMap(lambda group: group).toDF(
                "path string, start long, end long")
        else:
            frame = spark.read.text(args.input)
    if source_uri is None:
        if args.partitions:
            frame = frame.repartition(args.partitions)
        # Each line ends in a newline when it reaches Python, so a batch of lines is its string
        # buffer as it is: written to the process without a copy.
        frame = frame.select(F.concat(F.col("value"), F.lit("\n")).alias("value"))

    # One pass: writing the results (with the tasks writing them, collecting their counts) is the
    # only action that classifies. With --repeat N (for measuring) the whole pass runs N times in
    # the same session, each over the last one's output.
    results_path = os.path.join(args.out, "results")
    passes = []
    for _ in range(args.repeat):
        pass_started = time.time()
        reports = sc.accumulator({}, PartitionReports())
        if args.writer == "spark":
            results = frame.mapInArrow(
                classify_partition(os.path.basename(binary), taxonomy_name, flags, schema, reports,
                                   source_uri=source_uri),
                from_arrow_schema(schema),
            )
            results.write.mode("overwrite").parquet(results_path)
        else:
            results_uri = empty_folder(results_path)
            frame.mapInArrow(
                classify_partition(os.path.basename(binary), taxonomy_name, flags, schema, reports, results_uri,
                                   args.compression, source_uri),
                SUMMARY_SCHEMA,
            ).collect()
            finish_folder(results_uri, schema, args.compression)
        passes.append(round(time.time() - pass_started, 3))
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
        # The fixed cost of starting the JVM and the session, and the job's own time after it
        # (reading, classifying and writing the results; then the errors, metadata and checks).
        "session_seconds": round(session_ready - started, 3),
        "classify_seconds": passes[0],  # the first pass: reading, classifying, writing the results
        "pass_seconds": passes,  # every pass, with --repeat
        "job_seconds": round(time.time() - session_ready, 3),
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
        + f" in {summary['seconds']:.1f} s ({summary['session_seconds']:.1f} s starting the session,"
        + f" {summary['job_seconds']:.1f} s the job), {len(runs)} partitions",
        file=sys.stderr,
    )
    return 0 if balanced else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
