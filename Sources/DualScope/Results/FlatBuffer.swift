/// The few FlatBuffers an Arrow IPC stream needs (its schema and record-batch messages), written
/// by hand: the tool writes these two message kinds only, no FlatBuffers package is among those the
/// build may use, and the layout below is all that writing them takes.
///
/// The buffer is laid out front to back: every table, string or vector is placed after the one
/// that refers to it, so each offset (an unsigned 32-bit distance) points forward, as the format
/// requires. A table's vtable sits just before it.
indirect enum FlatNode {
  /// A table: values by field index (the schema's field order; a union takes two indices, its
  /// type and its value).
  case table([(field: Int, value: FlatValue)])
  case string(String)
  /// A vector of tables or strings.
  case vector([FlatNode])
  /// A vector of 16-byte structs of two 64-bit integers (Arrow's `FieldNode` and `Buffer`).
  case pairs([(Int64, Int64)])
}

enum FlatValue {
  case bool(Bool)
  case uint8(UInt8)
  case int16(Int16)
  case int32(Int32)
  case int64(Int64)
  case node(FlatNode)

  var size: Int {
    switch self {
    case .bool, .uint8: 1
    case .int16: 2
    case .int32, .node: 4
    case .int64: 8
    }
  }
}

enum FlatBuffer {
  /// The bytes of a buffer whose root table is `root`, padded to a multiple of 8.
  static func bytes(root: FlatNode) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: 4)
    // Nodes waiting to be placed, each with the position of the offset that refers to it.
    var pending: [(at: Int, node: FlatNode)] = [(0, root)]
    var next = 0
    while next < pending.count {
      let (at, node) = pending[next]
      next += 1
      let position = place(node, &out, &pending)
      store(UInt32(position - at), at: at, &out)
    }
    pad(&out, to: 8)
    return out
  }

  private static func place(_ node: FlatNode, _ out: inout [UInt8], _ pending: inout [(at: Int, node: FlatNode)]) -> Int {
    switch node {
    case .string(let s):
      pad(&out, to: 4)
      let at = out.count
      append(UInt32(s.utf8.count), &out)
      out += s.utf8
      out.append(0)
      return at
    case .vector(let items):
      pad(&out, to: 4)
      let at = out.count
      append(UInt32(items.count), &out)
      for item in items {
        pending.append((out.count, item))
        append(UInt32(0), &out)
      }
      return at
    case .pairs(let pairs):
      // The elements are 8-aligned: the count sits 4 bytes before them.
      while out.count % 8 != 4 { out.append(0) }
      let at = out.count
      append(UInt32(pairs.count), &out)
      for (a, b) in pairs {
        append(UInt64(bitPattern: a), &out)
        append(UInt64(bitPattern: b), &out)
      }
      return at
    case .table(let fields):
      let slots = (fields.map(\.field).max() ?? -1) + 1
      let vtableSize = 4 + 2 * slots
      // The table starts at 4 modulo 8, so that its 8-byte fields, laid out first after the
      // 4-byte vtable offset, are 8-aligned.
      var start = out.count + vtableSize
      while start % 8 != 4 { start += 1 }
      let vtable = start - vtableSize
      out += [UInt8](repeating: 0, count: start - out.count)
      append(Int32(vtableSize), &out)
      var fieldOffsets = [UInt16](repeating: 0, count: slots)
      for (field, value) in fields.sorted(by: { $0.value.size > $1.value.size }) {
        pad(&out, to: value.size)
        fieldOffsets[field] = UInt16(out.count - start)
        switch value {
        case .bool(let b): out.append(b ? 1 : 0)
        case .uint8(let v): out.append(v)
        case .int16(let v): append(UInt16(bitPattern: v), &out)
        case .int32(let v): append(UInt32(bitPattern: v), &out)
        case .int64(let v): append(UInt64(bitPattern: v), &out)
        case .node(let child):
          pending.append((out.count, child))
          append(UInt32(0), &out)
        }
      }
      var header: [UInt8] = []
      append(UInt16(vtableSize), &header)
      append(UInt16(out.count - start), &header)
      for offset in fieldOffsets { append(offset, &header) }
      out.replaceSubrange(vtable..<vtable + vtableSize, with: header)
      return start
    }
  }

  static func pad(_ out: inout [UInt8], to alignment: Int) {
    while out.count % alignment != 0 { out.append(0) }
  }

  /// Appends `value` little-endian.
  static func append<T: FixedWidthInteger>(_ value: T, _ out: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { out += $0 }
  }

  private static func store(_ value: UInt32, at position: Int, _ out: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { out.replaceSubrange(position..<position + 4, with: $0) }
  }
}
