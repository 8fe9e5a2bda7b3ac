import DualScope
import FuzzRecordReading
import FuzzSupport

/// A JSONL file through `RecordStream` with its whole content in one chunk and in small chunks
/// whose size comes from the input: every non-blank line becomes exactly one record or one error
/// record, the same whatever the chunk size, in line order.
@_cdecl("LLVMFuzzerTestOneInput")
public func jsonlReaderTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  var input = FuzzInput(data, size)
  let small = input.int(in: 1...48)
  let content = input.rest()
  let shape = InputShape(content)
  let file = jsonlScratch
  file.write(content)

  let whole = 1 << 16
  guard let keys = StreamReading.columns(path: file.path, format: .jsonl, chunkBytes: whole) else { return 0 }
  let id = keys.contains("id") ? "id" : keys.first ?? "id"
  let layout = RecordLayout(
    idColumn: id, textColumns: keys.filter { $0 != id && $0 != "labels" },
    labelsColumn: keys.contains("labels") ? "labels" : nil)

  let reference = StreamReading(path: file.path, format: .jsonl, chunkBytes: whole, layout: layout)
  reference.checkBasics(path: file.path, lineBound: shape.lineBound)

  // Small chunks over a gzip stream would re-copy a long inflated line byte by byte.
  for chunkBytes in shape.isGzip ? [4096] : [small, small * 7 + 3] {
    let chunked = StreamReading(path: file.path, format: .jsonl, chunkBytes: chunkBytes, layout: layout)
    if shape.isGzip && (chunked.failure != nil || reference.failure != nil) { continue }
    fuzzCheck(
      chunked.results == reference.results && chunked.failure == reference.failure
        && chunked.inputBytes == reference.inputBytes,
      "chunks of \(chunkBytes) bytes read differently:\n\(chunked)\nwhole:\n\(reference)")
  }

  guard reference.failure == nil, !shape.isGzip else { return 0 }
  fuzzCheck(
    reference.inputBytes == content.count,
    "chunks account for \(reference.inputBytes) of \(content.count) bytes")
  let nonBlank = shape.linesAtLF.filter { line in line.contains { $0 != 0x20 && $0 != 0x09 } }.count
  fuzzCheck(
    reference.results.count == nonBlank,
    "\(nonBlank) non-blank lines gave \(reference.results.count) results")
  return 0
}

let jsonlScratch = ScratchFile(suffix: ".jsonl")
