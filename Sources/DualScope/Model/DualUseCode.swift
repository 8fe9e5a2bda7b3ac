/// A reference to an entry of Annex I of EU Regulation 2021/821 (dual-use items).
///
/// The format is `<category 0-9><group A-E><regime digit><two digits>`, optionally followed by
/// dotted sub-items of lower-case letters or digits: `3A001`, `1C351.a.1`, `0A001.h`. The regime
/// digit is an open list (0 Wassenaar, 1 MTCR, 2 NSG, 3 Australia Group, 4 CWC, 5 EU additions).
public struct DualUseCode: Sendable, Hashable, Comparable, CustomStringConvertible {
  public let rawValue: String

  /// Parses a code; `nil` when it does not have the Annex I form.
  public init?(_ text: String) {
    guard DualUseCode.isValid(text) else { return nil }
    rawValue = text
  }

  /// Annex I category, 0–9.
  public var category: Int { Int(String(rawValue.first!))! }
  /// Product group A–E.
  public var group: Character { rawValue[rawValue.index(after: rawValue.startIndex)] }
  public var description: String { rawValue }

  public static func < (a: DualUseCode, b: DualUseCode) -> Bool { a.rawValue < b.rawValue }

  /// The name of an Annex I category.
  public static func categoryName(_ category: Int) -> String {
    [
      "Nuclear materials, facilities and equipment", "Special materials and related equipment",
      "Materials processing", "Electronics", "Computers",
      "Telecommunications and information security", "Sensors and lasers",
      "Navigation and avionics", "Marine", "Aerospace and propulsion",
    ][category]
  }

  static func isValid(_ text: String) -> Bool {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard let head = parts.first, head.utf8.count == 5 else { return false }
    let b = Array(head.utf8)
    let isDigit = { (c: UInt8) in c >= 48 && c <= 57 }
    guard isDigit(b[0]), (65...69).contains(b[1]), isDigit(b[2]), isDigit(b[3]), isDigit(b[4])
    else { return false }
    for part in parts.dropFirst() {
      guard !part.isEmpty, part.utf8.count <= 3,
        part.utf8.allSatisfy({ isDigit($0) || (97...122).contains($0) })
      else { return false }
    }
    return true
  }
}
