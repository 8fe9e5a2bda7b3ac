/// Checks raw input before libyaml sees it and maps byte offsets to marks.
///
/// Line breaks are those libyaml knows: LF, CR LF, a lone CR, and the UTF-8
/// encodings of NEL (U+0085), LINE SEPARATOR and PARAGRAPH SEPARATOR.
/// Columns count Unicode scalars; a byte order mark opening the file takes no
/// column, as libyaml skips it.
struct SourceText {
  /// A problem found in the raw bytes.
  struct InputProblem: Equatable {
    var offset: Int
    var kind: YAMLError.Kind
    var message: String
  }

  let bytes: [UInt8]

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// The first NUL byte or ill-formed UTF-8 sequence, if any.
  ///
  /// An ill-formed sequence is reported at its first byte: a byte that can
  /// never start a sequence (a stray continuation byte, C0, C1, F5 to FF) as
  /// such, a valid lead byte whose sequence is cut short or out of range
  /// (overlong, surrogate, above U+10FFFF) as a malformed sequence.
  func firstInputProblem() -> InputProblem? {
    bytes.withUnsafeBufferPointer { buffer -> InputProblem? in
      let count = buffer.count
      var index = 0
      while index < count {
        let byte = buffer[index]
        if byte == 0 {
          return InputProblem(offset: index, kind: .nulByte, message: "NUL byte in input")
        }
        if byte < 0x80 {
          index += 1
          continue
        }
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch byte {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default:
          return InputProblem(
            offset: index, kind: .invalidUTF8, message: "invalid UTF-8 (byte \(Self.hex(byte)))")
        }
        var wellFormed = index + length <= count && secondRange.contains(buffer[index + 1])
        if wellFormed {
          for next in (index + 2)..<(index + length) where buffer[next] & 0xC0 != 0x80 {
            wellFormed = false
            break
          }
        }
        guard wellFormed else {
          return InputProblem(
            offset: index, kind: .invalidUTF8,
            message: "invalid UTF-8 (malformed sequence starting with byte \(Self.hex(byte)))")
        }
        index += length
      }
      return nil
    }
  }

  /// The mark of the byte at `offset` (which may be `bytes.count`).
  ///
  /// Bytes before `offset` must be valid UTF-8.
  func mark(atOffset offset: Int) -> YAMLMark {
    var line = 1
    var lineStart = 0
    var index = 0
    while index < offset {
      if let breakLength = lineBreakLength(at: index) {
        index += breakLength
        if index <= offset {
          line += 1
          lineStart = index
        }
      } else {
        index += 1
      }
    }
    return YAMLMark(line: line, column: column(from: lineStart, to: offset))
  }

  /// The tab to blame for a syntax error at `mark`, if any.
  ///
  /// That is the first tab in the leading whitespace (spaces and tabs) of
  /// the mark's line, or else the character at the mark when it is a tab
  /// (as in `-<tab>item`, where the tab indents the item).
  func blamedTab(forErrorAt mark: YAMLMark) -> YAMLMark? {
    guard let start = startOfLine(mark.line) else { return nil }
    var index = start == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : start
    var column = 1
    var leading = true
    while index < bytes.count, lineBreakLength(at: index) == nil {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\t"), leading || column == mark.column {
        return YAMLMark(line: mark.line, column: column)
      }
      if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") { leading = false }
      if byte & 0xC0 != 0x80 { column += 1 }
      index += 1
    }
    return nil
  }

  // MARK: - Helpers

  private func startOfLine(_ wanted: Int) -> Int? {
    guard wanted >= 1 else { return nil }
    var line = 1
    var index = 0
    while line < wanted {
      guard index < bytes.count else { return nil }
      if let breakLength = lineBreakLength(at: index) {
        index += breakLength
        line += 1
      } else {
        index += 1
      }
    }
    return index
  }

  /// The 1-based column of `offset` on the line starting at `lineStart`.
  private func column(from lineStart: Int, to offset: Int) -> Int {
    var column = 1
    var index = lineStart
    if lineStart == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]), offset >= 3 {
      index = 3
    }
    while index < offset {
      if bytes[index] & 0xC0 != 0x80 { column += 1 }
      index += 1
    }
    return column
  }

  /// The length in bytes of the line break starting at `index`, nil if none starts there.
  private func lineBreakLength(at index: Int) -> Int? {
    switch bytes[index] {
    case UInt8(ascii: "\n"):
      return 1
    case UInt8(ascii: "\r"):
      return index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") ? 2 : 1
    case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x85:
      return 2
    case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80
      && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
      return 3
    default:
      return nil
    }
  }

  static func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return "0x\(digits[Int(byte >> 4)])\(digits[Int(byte & 0x0F)])"
  }
}
