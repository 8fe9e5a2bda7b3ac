/// One column of an Arrow record batch being built, with its children (a list's items, a
/// struct's fields, a map's entries): the values in Arrow's memory layout (validity bitmap,
/// 32-bit offsets, data), ready to be written as a batch's body.
final class ArrowColumn {
  enum Kind {
    case utf8, int64, float64, bool
    /// Children: one, the items.
    case list
    case structure
    /// Children: one, the entries (a structure of a key and a value).
    case map
  }

  let name: String
  let kind: Kind
  let nullable: Bool
  let children: [ArrowColumn]
  // Unchecked: a column belongs to one chunk's encoder on one thread, and the runtime's
  // exclusivity checks on every append took a third of the encoding time (measured).
  @exclusivity(unchecked) private(set) var length = 0
  @exclusivity(unchecked) private(set) var nullCount = 0
  /// Empty until the first null: a column without nulls is written without a bitmap.
  @exclusivity(unchecked) private var validity: [UInt8] = []
  @exclusivity(unchecked) private var offsets: [Int32] = [0]
  @exclusivity(unchecked) private var data: [UInt8] = []

  init(_ name: String, _ kind: Kind, nullable: Bool = true, _ children: [ArrowColumn] = []) {
    self.name = name
    self.kind = kind
    self.nullable = nullable
    self.children = children
  }

  static func list(_ name: String, of item: ArrowColumn) -> ArrowColumn { ArrowColumn(name, .list, [item]) }

  static func structure(_ name: String, _ fields: [ArrowColumn]) -> ArrowColumn {
    ArrowColumn(name, .structure, fields)
  }

  /// A map of strings to strings, laid out as Arrow's `map<utf8, utf8>` (entries `key`, `value`).
  static func stringMap(_ name: String) -> ArrowColumn {
    ArrowColumn(
      name, .map,
      [ArrowColumn("entries", .structure, nullable: false, [ArrowColumn("key", .utf8, nullable: false), ArrowColumn("value", .utf8)])])
  }

  @inline(__always) func append(_ s: String) {
    if s.utf8.withContiguousStorageIfAvailable({ data.append(contentsOf: $0) }) == nil { data.append(contentsOf: s.utf8) }
    offsets.append(Int32(data.count))
    valid()
  }

  @inline(__always) func append(_ v: Int) {
    FlatBuffer.append(Int64(v), &data)
    valid()
  }

  @inline(__always) func append(_ v: Double) {
    FlatBuffer.append(v.bitPattern, &data)
    valid()
  }

  @inline(__always) func append(_ v: Bool) {
    if length % 8 == 0 { data.append(0) }
    if v { data[length >> 3] |= 1 << UInt8(length & 7) }
    valid()
  }

  /// Ends a list or map element whose items (entries) were appended to the child since the last.
  @inline(__always) func closeList() {
    offsets.append(Int32(children[0].length))
    valid()
  }

  /// Ends a struct element whose fields were each appended one value.
  @inline(__always) func closeStruct() { valid() }

  /// A null string or number.
  func appendNull() {
    switch kind {
    case .utf8, .list, .map: offsets.append(offsets[offsets.count - 1])
    case .int64, .float64: data.append(contentsOf: repeatElement(0, count: 8))
    case .bool: if length % 8 == 0 { data.append(0) }
    case .structure: preconditionFailure("a null struct is never written")
    }
    if validity.isEmpty { validity = [UInt8](repeating: 0xFF, count: (length >> 3) + 1) }
    if length % 8 == 0 && length >> 3 == validity.count { validity.append(0xFF) }
    validity[length >> 3] &= ~(1 << UInt8(length & 7))
    nullCount += 1
    length += 1
  }

  @inline(__always) private func valid() {
    if !validity.isEmpty {
      if length % 8 == 0 && length >> 3 == validity.count { validity.append(0xFF) }
      validity[length >> 3] |= 1 << UInt8(length & 7)
    }
    length += 1
  }

  /// This column's and its children's field nodes (length, null count) and buffers, depth first,
  /// as a record batch lists them; the buffers' bytes go to `body`, each 8-aligned.
  func write(nodes: inout [(Int64, Int64)], buffers: inout [(Int64, Int64)], body: inout [UInt8]) {
    nodes.append((Int64(length), Int64(nullCount)))
    // Each buffer copied once, straight into the body.
    func buffer(_ bytes: UnsafeRawBufferPointer) {
      buffers.append((Int64(body.count), Int64(bytes.count)))
      body.append(contentsOf: bytes)
      FlatBuffer.pad(&body, to: 8)
    }
    if nullCount == 0 {
      buffer(UnsafeRawBufferPointer(start: nil, count: 0))
    } else {
      validity.withUnsafeBytes { buffer(UnsafeRawBufferPointer(rebasing: $0.prefix((length + 7) >> 3))) }
    }
    switch kind {
    case .utf8:
      offsets.withUnsafeBytes { buffer($0) }
      data.withUnsafeBytes { buffer($0) }
    case .int64, .float64, .bool:
      data.withUnsafeBytes { buffer($0) }
    case .list, .map:
      offsets.withUnsafeBytes { buffer($0) }
    case .structure:
      break
    }
    for child in children { child.write(nodes: &nodes, buffers: &buffers, body: &body) }
  }

  /// The schema's `Field` table of this column.
  var field: FlatNode {
    let type: (UInt8, FlatNode)
    switch kind {
    // Arrow's `Type` union: Int 2, FloatingPoint 3, Utf8 5, Bool 6, List 12, Struct_ 13, Map 17.
    case .utf8: type = (5, .table([]))
    case .int64: type = (2, .table([(0, .int32(64)), (1, .bool(true))]))
    case .float64: type = (3, .table([(0, .int16(2))]))  // precision DOUBLE
    case .bool: type = (6, .table([]))
    case .list: type = (12, .table([]))
    case .structure: type = (13, .table([]))
    case .map: type = (17, .table([(0, .bool(false))]))  // keys not sorted
    }
    return .table([
      (0, .node(.string(name))), (1, .bool(nullable)), (2, .uint8(type.0)), (3, .node(type.1)),
      (5, .node(.vector(children.map(\.field)))),
    ])
  }
}
