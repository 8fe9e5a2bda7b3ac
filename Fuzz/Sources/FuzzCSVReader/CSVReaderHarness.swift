import DualScope
import FuzzRecordReading
import FuzzSupport

/// A CSV file through `RecordStream` with its whole content in one chunk and in small chunks
/// whose size comes from the input: every row becomes one record or one error record, the same
/// whatever the chunk size, in line order, and without quotes exactly one per non-blank line.
@_cdecl("LLVMFuzzerTestOneInput")
public func csvReaderTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  var input = FuzzInput(data, size)
  let small = input.int(in: 1...48)
  let delimiter: UInt8? = [nil, UInt8(ascii: ","), UInt8(ascii: ";"), 0x09][input.int(in: 0...3)]
  let content = input.rest()
  let shape = InputShape(content)
  let file = csvScratch
  file.write(content)

  let whole = 1 << 16
  guard let columns = StreamReading.columns(path: file.path, format: .csv, delimiter: delimiter, chunkBytes: whole)
  else { return 0 }
  let layout = RecordLayout(
    idColumn: columns.first ?? "id", textColumns: Array(columns.dropFirst().prefix(2)),
    labelsColumn: columns.count > 3 ? columns[3] : nil, carryColumns: Array(columns.dropFirst(4).prefix(1)))

  let reference = StreamReading(
    path: file.path, format: .csv, delimiter: delimiter, chunkBytes: whole, layout: layout)
  reference.checkBasics(path: file.path, lineBound: shape.lineBound)
  fuzzCheck(reference.columns == columns, "the header changed between two opens")

  // Small chunks over a gzip stream would re-copy a long inflated line byte by byte.
  for chunkBytes in shape.isGzip ? [4096] : [small, small * 7 + 3] {
    let chunked = StreamReading(
      path: file.path, format: .csv, delimiter: delimiter, chunkBytes: chunkBytes, layout: layout)
    if shape.isGzip && (chunked.failure != nil || reference.failure != nil) { continue }
    fuzzCheck(
      chunked == reference,
      "chunks of \(chunkBytes) bytes read differently:\n\(chunked)\nwhole:\n\(reference)")
  }

  guard reference.failure == nil, !shape.isGzip else { return 0 }
  fuzzCheck(
    reference.inputBytes == content.count,
    "chunks account for \(reference.inputBytes) of \(content.count) bytes")
  // Without quotes a row is a line: the first non-blank line is the header, every later
  // non-blank line one record or one error.
  if !content.contains(UInt8(ascii: "\"")) {
    let rows = shape.linesAtAnyBreak.filter { !$0.isEmpty }.count
    fuzzCheck(
      reference.results.count == max(0, rows - 1),
      "\(rows) non-blank lines (header included) gave \(reference.results.count) results")
  }
  return 0
}

let csvScratch = ScratchFile(suffix: ".csv")
