extension PhraseMatcher {
  /// Checks the compiled automata: every transition, accept entry and table entry in range,
  /// edge lists sorted, and every phrase form reaching a state that accepts it. Full checks
  /// compile in with `DUALSCOPE_INTERNAL_CHECKS` (debug builds); otherwise only cheap ones run.
  public func _checkInvariants() {
    precondition(forms.count >= phraseCount, "fewer forms than phrases")
    precondition(bytes.classCount <= 256 && bytes.gapClass != 0, "byte classes out of range")
    #if DUALSCOPE_INTERNAL_CHECKS
      for b in 0..<128 {
        let f = ScalarFolding.ascii(UInt8(b))
        let cls = UInt8(truncatingIfNeeded: bytes.text[b])
        precondition(cls == bytes.folded[Int(f.foldedByte(0))], "byte \(b): text class differs from its fold's")
      }
      for b in 128..<256 {
        precondition(bytes.text[b] >> 8 == UInt16(ByteClasses.kindHigh), "byte \(b) not marked non-ASCII")
      }
      Self.check(main, classCount: bytes.classCount, forms: forms.count)
      Self.check(interior, classCount: bytes.classCount, forms: forms.count)
      for (i, form) in forms.enumerated() {
        precondition(!form.folded.isEmpty && form.folded.first != 0x20 && form.folded.last != 0x20, "form \(i) badly trimmed")
        var s = Automaton.root
        for b in form.folded { s = main.next(s, bytes.folded[Int(b)]) }
        let range = main.acceptRange(header: main.words[Int(s)])
        precondition(range.contains { main.accepts[$0].form == UInt32(i) }, "form \(i) not accepted where it ends")
      }
    #endif
  }

  #if DUALSCOPE_INTERNAL_CHECKS
    static func check(_ a: Automaton, classCount: Int, forms: Int) {
      let w = a.words
      precondition(w[0] == 0, "dead state has edges")
      precondition(a.acceptStart.first == 0 && a.acceptStart.last == UInt32(a.accepts.count), "accept offsets")
      precondition(zip(a.acceptStart, a.acceptStart.dropFirst()).allSatisfy { $0 < $1 }, "empty or unordered accept lists")
      // Walk the states breadth-first from the root; each must be reached exactly once.
      var queue: [UInt32] = [Automaton.root]
      var seen = Set<UInt32>([0])
      var head = 0
      var acceptsSeen = 0
      while head < queue.count {
        let s = queue[head]
        head += 1
        precondition(Int(s) < w.count, "state \(s) out of range")
        let h = w[Int(s)]
        var targets: [UInt32] = []
        if h & Automaton.denseBit != 0 {
          precondition(Int(s) + classCount < w.count, "dense row of \(s) out of range")
          targets = (0..<classCount).map { w[Int(s) + 1 + $0] }
        } else {
          let n = Int(h & Automaton.sparseCountMask)
          var last: UInt32 = 0
          for i in 0..<n {
            let e = w[Int(s) + 1 + i]
            precondition(e >> 24 > last && Int(e >> 24) < classCount, "edges of \(s) unsorted or class out of range")
            last = e >> 24
            targets.append(e & 0x00FF_FFFF)
          }
        }
        for t in targets where t != 0 {
          precondition(seen.insert(t).inserted, "state \(t) reached twice: not a tree")
          queue.append(t)
        }
        let range = a.acceptRange(header: h)
        var bits: UInt32 = 0
        for e in a.accepts[range] {
          precondition(Int(e.form) < forms, "accept entry names form \(e.form) of \(forms)")
          precondition(e.kind == .exact || e.kind == .inflected, "accept entry kind")
          bits |= e.isSimple ? Automaton.simpleBit : Automaton.complexBit
        }
        precondition(bits == h & Automaton.acceptMask, "accept bits of \(s)")
        acceptsSeen += range.count
      }
      precondition(queue.count == a.stateCount, "\(queue.count) states reachable of \(a.stateCount)")
      precondition(acceptsSeen == a.accepts.count, "accept entries unreachable")
    }
  #endif
}
