/// A compiled trie over byte classes of folded phrase forms, laid out in one array of 32-bit
/// words: the root and its children first, so their dense rows share a few cache lines, then
/// depth-first, so a walk's next state is usually in the same or the next cache line.
///
/// A state is identified by the offset of its header word. The header holds the edge layout and
/// whether (and how) the state accepts; the edges follow it: a dense row of one target per class
/// for the root, its children and branchy states, or up to `maxSparse` packed `class << 24 |
/// target` words otherwise. Offset 0 is the dead state (no edges); the root is at offset 1.
final class Automaton: @unchecked Sendable {
  static let root: UInt32 = 1
  /// Header bits.
  static let sparseCountMask: UInt32 = 0b11
  static let denseBit: UInt32 = 1 << 2
  static let simpleBit: UInt32 = 1 << 3
  static let complexBit: UInt32 = 1 << 4
  static let acceptMask: UInt32 = simpleBit | complexBit
  static let acceptShift: UInt32 = 8
  static let maxSparse = 3
  /// Offsets and accept indexes are 24 bits.
  static let maxWords = 1 << 24

  let classCount: Int
  let stateCount: Int
  let words: UnsafeMutableBufferPointer<UInt32>
  /// Accept entries of the state whose header has accept index `i` (from 1):
  /// `accepts[acceptStart[i - 1] ..< acceptStart[i]]`.
  let acceptStart: [UInt32]
  let accepts: [AcceptEntry]

  var isEmpty: Bool { accepts.isEmpty }

  /// Lays out `b`; nil when the result would not fit 24-bit offsets.
  init?(builder b: TrieBuilder, classCount: Int) {
    self.classCount = classCount
    let nodeCount = b.label.count
    self.stateCount = nodeCount
    // Layout order: the root and its children first (their dense rows are shared by every walk
    // from a word start), then depth-first from each child, so a state's first child follows
    // it. Walks now mostly start past a first word (`FirstWordTable`) at a state deep in the
    // trie, which a long text has pushed out of the cache; after it, depth-first order puts
    // the next states of the walk in the same or the next cache line.
    var childCount = [UInt16](repeating: 0, count: nodeCount)
    var depthOf = [UInt8](repeating: 0, count: nodeCount)
    var order: [UInt32] = [0]
    order.reserveCapacity(nodeCount)
    var c = b.firstChild[0]
    while c != TrieBuilder.none {
      order.append(c)
      depthOf[Int(c)] = 1
      childCount[0] += 1
      c = b.nextSibling[Int(c)]
    }
    var stack: [UInt32] = []
    var children: [UInt32] = []
    for top in order[1...].reversed() { stack.append(top) }
    while let node = stack.popLast() {
      if depthOf[Int(node)] > 1 { order.append(node) }  // the root's children are placed already
      children.removeAll(keepingCapacity: true)
      var k = b.firstChild[Int(node)]
      while k != TrieBuilder.none {
        children.append(k)
        let d = depthOf[Int(node)]
        depthOf[Int(k)] = d == 255 ? 255 : d + 1
        k = b.nextSibling[Int(k)]
      }
      childCount[Int(node)] = UInt16(children.count)
      for k in children.reversed() { stack.append(k) }
    }
    precondition(order.count == nodeCount, "layout lost states")
    var position = [UInt32](repeating: 0, count: nodeCount)
    for (h, node) in order.enumerated() { position[Int(node)] = UInt32(h) }
    // Offsets by position.
    var offset = [UInt32](repeating: 0, count: nodeCount)
    var next = 1
    for h in 0..<nodeCount {
      offset[h] = UInt32(truncatingIfNeeded: next)
      let node = Int(order[h])
      let n = Int(childCount[node])
      next += 1 + (Self.isDense(depth: depthOf[node], children: n) ? classCount : n)
      if next >= Self.maxWords { return nil }
    }
    // Accept entries, grouped by position.
    var acceptIndex = [UInt32](repeating: 0, count: nodeCount)  // count per position, then index
    for (node, _) in b.accepts { acceptIndex[Int(position[Int(node)])] += 1 }
    var acceptStart: [UInt32] = [0]
    var total: UInt32 = 0
    for h in 0..<nodeCount where acceptIndex[h] > 0 {
      total += acceptIndex[h]
      acceptStart.append(total)
      acceptIndex[h] = UInt32(acceptStart.count - 1)
    }
    if acceptStart.count >= Self.maxWords { return nil }
    var fill = [UInt32](repeating: 0, count: acceptStart.count)
    for i in 1..<acceptStart.count { fill[i] = acceptStart[i - 1] }
    var accepts = [AcceptEntry](
      repeating: AcceptEntry(termID: 0, form: 0, kind: .exact, flags: 0), count: Int(total))
    for (node, entry) in b.accepts {
      let i = Int(acceptIndex[Int(position[Int(node)])])
      accepts[Int(fill[i])] = entry
      fill[i] += 1
    }
    for i in 1..<acceptStart.count where acceptStart[i] - acceptStart[i - 1] > 1 {
      accepts[Int(acceptStart[i - 1])..<Int(acceptStart[i])].sort {
        ($0.termID, $0.kind.rawValue, $0.flags, $0.form) < ($1.termID, $1.kind.rawValue, $1.flags, $1.form)
      }
    }
    // Words.
    let words = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: next)
    words.initialize(repeating: 0)
    for h in 0..<nodeCount {
      let at = Int(offset[h])
      var header: UInt32 = 0
      let ai = acceptIndex[h]
      if ai != 0 {
        header |= ai << Self.acceptShift
        for e in accepts[Int(acceptStart[Int(ai) - 1])..<Int(acceptStart[Int(ai)])] {
          header |= e.isSimple ? Self.simpleBit : Self.complexBit
        }
      }
      let node = Int(order[h])
      let n = Int(childCount[node])
      if Self.isDense(depth: depthOf[node], children: n) {
        header |= Self.denseBit
        var c = b.firstChild[node]
        while c != TrieBuilder.none {
          words[at + 1 + Int(b.label[Int(c)])] = offset[Int(position[Int(c)])]
          c = b.nextSibling[Int(c)]
        }
      } else {
        header |= UInt32(n)
        var k = 0
        var c = b.firstChild[node]
        while c != TrieBuilder.none {
          words[at + 1 + k] = UInt32(b.label[Int(c)]) << 24 | offset[Int(position[Int(c)])]
          k += 1
          c = b.nextSibling[Int(c)]
        }
        // Keep the few edges sorted by class (insertion sort).
        if n > 1 {
          for i in 1..<n {
            let x = words[at + 1 + i]
            var j = i
            while j > 0 && words[at + j] >> 24 > x >> 24 {
              words[at + 1 + j] = words[at + j]
              j -= 1
            }
            words[at + 1 + j] = x
          }
        }
      }
      words[at] = header
    }
    self.words = words
    self.acceptStart = acceptStart
    self.accepts = accepts
  }

  deinit { words.deallocate() }

  static func isDense(depth: UInt8, children: Int) -> Bool {
    depth <= 1 || children > maxSparse
  }

  /// The state after state `s`, whose header is `h`, on class `cls`; 0 when none.
  @inline(__always)
  func next(_ s: UInt32, header h: UInt32, _ cls: UInt8) -> UInt32 {
    let base = Int(s) &+ 1
    if h & Self.denseBit != 0 { return words[base &+ Int(cls)] }
    let n = Int(h & Self.sparseCountMask)
    var i = 0
    let key = UInt32(cls)
    while i < n {
      let e = words[base &+ i]
      if e >> 24 == key { return e & 0x00FF_FFFF }
      i &+= 1
    }
    return 0
  }

  /// The state after `s` on `cls`.
  @inline(__always)
  func next(_ s: UInt32, _ cls: UInt8) -> UInt32 {
    next(s, header: words[Int(s)], cls)
  }

  /// The accept entries of the state with header `h`.
  @inline(__always)
  func acceptRange(header h: UInt32) -> Range<Int> {
    let i = Int(h >> Self.acceptShift)
    guard i > 0 else { return 0..<0 }
    return Int(acceptStart[i - 1])..<Int(acceptStart[i])
  }
}

/// A trie used while compiling: first-child / next-sibling links, no per-node allocation. Built
/// from paths in sorted order, so each path only extends the previous one: no child search.
struct TrieBuilder {
  static let none: UInt32 = 0xFFFF_FFFF
  var label: [UInt8] = [0]
  var firstChild: [UInt32] = [none]
  var nextSibling: [UInt32] = [none]
  var accepts: [(UInt32, AcceptEntry)] = []
  /// Nodes along the previous path (index = depth) and that path's classes.
  private var stack: [UInt32] = [0]
  private var previous: [UInt8] = []

  /// Appends a path that sorts at or after every path appended before; returns its final node.
  mutating func appendSorted(_ classes: [UInt8]) -> UInt32 {
    var common = 0
    let limit = min(classes.count, previous.count)
    while common < limit && classes[common] == previous[common] { common += 1 }
    precondition(common == classes.count || common == previous.count || classes[common] > previous[common], "paths out of order")
    var lastChild = common + 1 < stack.count ? stack[common + 1] : TrieBuilder.none
    stack.removeSubrange((common + 1)...)
    for d in common..<classes.count {
      let node = UInt32(label.count)
      label.append(classes[d])
      firstChild.append(TrieBuilder.none)
      nextSibling.append(TrieBuilder.none)
      let parent = stack[d]
      if lastChild == TrieBuilder.none { firstChild[Int(parent)] = node } else { nextSibling[Int(lastChild)] = node }
      stack.append(node)
      lastChild = TrieBuilder.none
    }
    previous = classes
    return stack[classes.count]
  }
}
