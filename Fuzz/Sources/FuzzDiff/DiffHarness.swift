import DualScope
import DualScopeReports
import Foundation
import FuzzSupport

/// Two small releases cut from the shipped ones (the same one or two areas of 2024.1 or
/// 2025.1) and edited line by line as the input says, loaded, then diffed both ways and each
/// with itself: the reverse diff is the forward one reversed, a release against itself has no
/// changes, identical files give no changes, and every report renders.
@_cdecl("LLVMFuzzerTestOneInput")
public func diffTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  var input = FuzzInput(data, size)
  let selector = input.byte()
  var areas: [Int] = []
  var mask = Int(input.byte()) << 2 | Int(selector >> 6)
  var k = 0
  while mask != 0 && areas.count < 2 {
    if mask & 1 != 0 { areas.append(k % DiffBase.areaCount) }
    mask >>= 1
    k += 1
  }
  if areas.isEmpty { areas = [Int(selector) % DiffBase.areaCount] }
  var old = DiffBase.draft(release: Int(selector & 1), areas: areas)
  var new = DiffBase.draft(release: Int(selector >> 1 & 1), areas: areas)
  var edits = 0
  while !input.isAtEnd && edits < 16 {
    let op = input.byte()
    let edit = LineEdit(
      kind: Int(op >> 1) % LineEdit.kinds, file: Int(input.byte()),
      line: Int(input.byte()) << 8 | Int(input.byte()), value: Int(input.byte()))
    if op & 1 == 0 { old.apply(edit) } else { new.apply(edit) }
    edits += 1
  }

  guard let a = old.load(origin: "fuzz:old"), let b = new.load(origin: "fuzz:new") else { return 0 }
  let forward = TaxonomyDiff(from: a, to: b)
  let backward = TaxonomyDiff(from: b, to: a)
  fuzzCheck(backward == forward.reversed, "diff(new, old) is not diff(old, new) reversed:\n\(backward)\n\(forward.reversed)")
  fuzzCheck(forward.reversed.reversed == forward, "reversing twice changed the diff")
  fuzzCheck(TaxonomyDiff(from: a, to: a).isEmpty, "a release differs from itself: \(TaxonomyDiff(from: a, to: a))")
  fuzzCheck(TaxonomyDiff(from: b, to: b).isEmpty, "a release differs from itself: \(TaxonomyDiff(from: b, to: b))")
  if old.files == new.files {
    fuzzCheck(forward.isEmpty, "identical files differ: \(forward)")
  }
  for diff in [forward, backward] {
    _ = DiffTextRenderer().render(diff)
    _ = DiffTextRenderer(colour: true).render(diff)
    _ = DiffMarkdownRenderer().render(diff)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    do {
      let json = try encoder.encode(DiffDocument(diff))
      fuzzCheck((try? JSONSerialization.jsonObject(with: json)) != nil, "the JSON report does not parse")
    } catch {
      fuzzFailure("the JSON report cannot be encoded: \(error)")
    }
  }
  return 0
}
