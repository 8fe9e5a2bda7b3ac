import FuzzSupport
import TaxonomyYAML

/// Arbitrary bytes through `YAMLReader.parseDocument`: a tree or problems, never a crash, with
/// marks inside the file, limits kept, duplicate keys refused and the same answer every time.
@_cdecl("LLVMFuzzerTestOneInput")
public func yamlReaderTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = FuzzInput(data, size).bytes
  let bounds = MarkBounds(bytes)
  let loose = YAMLLimits()
  let first = YAMLReaderOutcome(bytes, limits: loose)
  first.check(bounds, limits: loose)
  fuzzCheck(first == YAMLReaderOutcome(bytes, limits: loose), "a second parse gave another answer")

  var tight = YAMLLimits()
  tight.maxDepth = 6
  tight.maxNodes = 200
  tight.maxAliasExpansion = 40
  let strict = YAMLReaderOutcome(bytes, limits: tight)
  strict.check(bounds, limits: tight)
  if case .document = strict {
    fuzzCheck(strict == first, "a document read under tight limits differs from the one read under loose limits")
  }
  if case .empty = strict {
    fuzzCheck(strict == first, "an empty stream under tight limits is not empty under loose limits")
  }
  return 0
}

/// What one parse gave, comparable.
enum YAMLReaderOutcome: Equatable {
  case empty
  case document(YAMLNode)
  case failure([YAMLProblem])

  init(_ bytes: [UInt8], limits: YAMLLimits) {
    do {
      if let node = try YAMLReader.parseDocument(bytes, file: "fuzz.yaml", limits: limits) {
        self = .document(node)
      } else {
        self = .empty
      }
    } catch {
      self = .failure(error.problems)
    }
  }

  func check(_ bounds: MarkBounds, limits: YAMLLimits) {
    switch self {
    case .empty:
      break
    case .failure(let problems):
      fuzzCheck(!problems.isEmpty, "an error without problems")
      for p in problems {
        fuzzCheck(p.file == "fuzz.yaml", "problem names another file: \(p)")
        fuzzCheck(!p.message.isEmpty, "problem without a message")
        bounds.check(p.mark, "problem \(p)")
      }
      // Duplicate keys come first in source order; the stopping problem is last.
      let duplicates = problems.filter { $0.message.hasPrefix("duplicate ") }
      fuzzCheck(
        zip(duplicates, duplicates.dropFirst()).allSatisfy { $0.mark <= $1.mark },
        "duplicate-key problems out of source order: \(problems)")
    case .document(let root):
      var nodes = 0
      var stack: [(YAMLNode, Int)] = [(root, 0)]
      while let (node, depth) = stack.popLast() {
        nodes += 1
        bounds.check(node.mark, "node")
        switch node.content {
        case .scalar:
          break
        case .sequence(let items):
          fuzzCheck(depth + 1 <= limits.maxDepth, "nesting deeper than \(limits.maxDepth)")
          stack += items.map { ($0, depth + 1) }
        case .mapping(let pairs):
          fuzzCheck(depth + 1 <= limits.maxDepth, "nesting deeper than \(limits.maxDepth)")
          let keys = pairs.compactMap(\.key.scalar)
          fuzzCheck(Set(keys).count == keys.count, "a mapping kept a duplicate key: \(keys)")
          for pair in pairs {
            stack.append((pair.key, depth + 1))
            stack.append((pair.value, depth + 1))
          }
        }
      }
      fuzzCheck(nodes <= limits.maxNodes + limits.maxAliasExpansion, "\(nodes) nodes past the limits")
    }
  }
}

/// The largest line and column a mark in a file can have.
struct MarkBounds {
  var lines = 1
  var columns = 1

  init(_ bytes: [UInt8]) {
    // Every byte of a line break sequence (CR, LF, NEL, LS, PS) may start a line; counting
    // each gives an upper bound.
    for b in bytes where b == 0x0A || b == 0x0D || b == 0x85 || b == 0xA8 || b == 0xA9 { lines += 1 }
    columns = bytes.count + 1
  }

  func check(_ mark: YAMLMark, _ what: @autoclosure () -> String) {
    fuzzCheck(
      mark.line >= 1 && mark.column >= 1 && mark.line <= lines && mark.column <= columns,
      "\(what()): mark \(mark) outside the file (\(lines) lines)")
  }
}
