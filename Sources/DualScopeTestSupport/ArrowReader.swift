import Foundation

/// A JSON-like value, to compare an Arrow stream's rows with JSON result lines.
public indirect enum Value: Equatable, Decodable, CustomStringConvertible {
  case null, bool(Bool), number(Double), string(String), list([Value]), object([String: Value])

  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let n = try? c.decode(Double.self) {
      self = .number(n)
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let a = try? c.decode([Value].self) {
      self = .list(a)
    } else {
      self = .object(try c.decode([String: Value].self))
    }
  }

  /// Object keys whose value is null dropped (JSON leaves an absent value out).
  public var droppingNulls: Value {
    switch self {
    case .list(let a): .list(a.map(\.droppingNulls))
    case .object(let d): .object(d.filter { $0.value != .null }.mapValues(\.droppingNulls))
    default: self
    }
  }

  public var description: String {
    switch self {
    case .null: "null"
    case .bool(let b): "\(b)"
    case .number(let n): "\(n)"
    case .string(let s): "\"\(s)\""
    case .list(let a): "[" + a.map(\.description).joined(separator: ", ") + "]"
    case .object(let d): "{" + d.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
    }
  }
}

/// Reads an Arrow IPC stream of the types the result schema uses, from the format's
/// specification: not the writer's code.
public enum ArrowReader {
  public struct Failure: Error, CustomStringConvertible { public var description: String }

  struct Field {
    var name: String
    var type: UInt8
    var children: [Field]
  }

  /// The schema's top-level field names, the number of record batches and every row.
  public static func read(_ bytes: [UInt8]) throws -> (fields: [String], batches: Int, rows: [Value]) {
    var pos = 0
    var schema: [Field] = []
    var rows: [Value] = []
    var batches = 0
    while true {
      guard u32(bytes, pos) == 0xFFFF_FFFF else { throw Failure(description: "no continuation marker at \(pos)") }
      let length = Int(u32(bytes, pos + 4))
      pos += 8
      if length == 0 { break }
      guard length % 8 == 0, pos % 8 == 0 else { throw Failure(description: "metadata not 8-aligned at \(pos)") }
      let meta = Array(bytes[pos..<pos + length])
      pos += length
      let message = Table(meta, at: Int(u32(meta, 0)))
      guard message.int16(0) == 4 else { throw Failure(description: "not metadata version V5") }
      let bodyLength = Int(message.int64(3))
      let body = Array(bytes[pos..<pos + bodyLength])
      pos += bodyLength
      guard let header = message.table(2) else { throw Failure(description: "a message without a header") }
      switch message.uint8(1) {
      case 1: schema = header.tables(1).map(field)
      case 3:
        batches += 1
        let count = Int(header.int64(0))
        var nodes = header.pairs(1)[...]
        var buffers = header.pairs(2)[...]
        var columns: [[Value]] = []
        for f in schema {
          columns.append(try values(f, &nodes, &buffers, body))
        }
        for r in 0..<count {
          var row: [String: Value] = [:]
          for (f, c) in zip(schema, columns) { row[f.name] = c[r] }
          rows.append(.object(row))
        }
      default: throw Failure(description: "unexpected message type")
      }
    }
    return (schema.map(\.name), batches, rows)
  }

  static func field(_ t: Table) -> Field {
    Field(name: t.string(0) ?? "", type: t.uint8(2), children: t.tables(5).map(field))
  }

  static func values(
    _ f: Field, _ nodes: inout ArraySlice<(Int64, Int64)>, _ buffers: inout ArraySlice<(Int64, Int64)>, _ body: [UInt8]
  ) throws -> [Value] {
    guard let (length, _) = nodes.popFirst() else { throw Failure(description: "too few field nodes") }
    let n = Int(length)
    func take() throws -> ArraySlice<UInt8> {
      guard let (offset, size) = buffers.popFirst() else { throw Failure(description: "too few buffers") }
      guard offset % 8 == 0 else { throw Failure(description: "a buffer not 8-aligned") }
      return body[Int(offset)..<Int(offset + size)]
    }
    let validity = try take()
    func isValid(_ i: Int) -> Bool {
      validity.isEmpty || validity[validity.startIndex + i >> 3] & (1 << UInt8(i & 7)) != 0
    }
    func offsets(_ b: ArraySlice<UInt8>) -> [Int] {
      let bytes = Array(b)
      return (0...n).map { Int(Int32(bitPattern: u32(bytes, $0 * 4))) }
    }
    var out: [Value] = []
    switch f.type {
    case 5:  // Utf8
      let o = offsets(try take())
      let data = Array(try take())
      for i in 0..<n {
        out.append(isValid(i) ? .string(String(decoding: data[o[i]..<o[i + 1]], as: UTF8.self)) : .null)
      }
    case 2, 3:  // Int (64-bit), FloatingPoint (double)
      let data = Array(try take())
      for i in 0..<n {
        let raw = UInt64(u32(data, i * 8)) | UInt64(u32(data, i * 8 + 4)) << 32
        out.append(!isValid(i) ? .null : f.type == 2 ? .number(Double(Int64(bitPattern: raw))) : .number(Double(bitPattern: raw)))
      }
    case 6:  // Bool
      let data = Array(try take())
      for i in 0..<n { out.append(isValid(i) ? .bool(data[i >> 3] & (1 << UInt8(i & 7)) != 0) : .null) }
    case 12, 17:  // List, Map
      let o = offsets(try take())
      let items = try values(f.children[0], &nodes, &buffers, body)
      for i in 0..<n {
        let slice = Array(items[o[i]..<o[i + 1]])
        if f.type == 12 {
          out.append(.list(slice))
        } else {
          var map: [String: Value] = [:]
          for case .object(let entry) in slice {
            if case .string(let key)? = entry["key"] { map[key] = entry["value"] ?? .null }
          }
          out.append(.object(map))
        }
      }
    case 13:  // Struct
      let children = try f.children.map { try values($0, &nodes, &buffers, body) }
      for i in 0..<n {
        var row: [String: Value] = [:]
        for (c, v) in zip(f.children, children) { row[c.name] = v[i] }
        out.append(.object(row))
      }
    default:
      throw Failure(description: "unexpected type \(f.type) of '\(f.name)'")
    }
    return out
  }

  static func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
    UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
  }

  /// A FlatBuffers table: fields found through its vtable.
  struct Table {
    let b: [UInt8]
    let at: Int

    init(_ b: [UInt8], at: Int) {
      self.b = b
      self.at = at
    }

    func slot(_ i: Int) -> Int? {
      let vtable = at - Int(Int32(bitPattern: u32(b, at)))
      let size = Int(b[vtable]) | Int(b[vtable + 1]) << 8
      guard 4 + 2 * i < size else { return nil }
      let o = Int(b[vtable + 4 + 2 * i]) | Int(b[vtable + 5 + 2 * i]) << 8
      return o == 0 ? nil : at + o
    }

    func uint8(_ i: Int) -> UInt8 { slot(i).map { b[$0] } ?? 0 }
    func int16(_ i: Int) -> Int16 { slot(i).map { Int16(bitPattern: UInt16(b[$0]) | UInt16(b[$0 + 1]) << 8) } ?? 0 }
    func int64(_ i: Int) -> Int64 {
      slot(i).map { Int64(bitPattern: UInt64(u32(b, $0)) | UInt64(u32(b, $0 + 4)) << 32) } ?? 0
    }
    func target(_ i: Int) -> Int? { slot(i).map { $0 + Int(u32(b, $0)) } }
    func table(_ i: Int) -> Table? { target(i).map { Table(b, at: $0) } }
    func string(_ i: Int) -> String? {
      target(i).map { String(decoding: b[$0 + 4..<$0 + 4 + Int(u32(b, $0))], as: UTF8.self) }
    }
    func tables(_ i: Int) -> [Table] {
      guard let v = target(i) else { return [] }
      return (0..<Int(u32(b, v))).map { k in
        let p = v + 4 + 4 * k
        return Table(b, at: p + Int(u32(b, p)))
      }
    }
    func pairs(_ i: Int) -> [(Int64, Int64)] {
      guard let v = target(i) else { return [] }
      return (0..<Int(u32(b, v))).map { k in
        let p = v + 4 + 16 * k
        let a = UInt64(u32(b, p)) | UInt64(u32(b, p + 4)) << 32
        let c = UInt64(u32(b, p + 8)) | UInt64(u32(b, p + 12)) << 32
        return (Int64(bitPattern: a), Int64(bitPattern: c))
      }
    }
  }
}
