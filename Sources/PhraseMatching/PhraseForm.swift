/// One compiled form of a phrase: the phrase itself or an inflected variant, in folded bytes.
struct PhraseForm: Sendable {
  /// Case-folded bytes, one space between words.
  var folded: [UInt8]
  /// The same with the case of the phrase kept; only for case-sensitive phrases (else empty).
  var kept: [UInt8]
  var kind: MatchKind
  var needsRightBoundary: Bool
}

extension PhraseForm {
  /// The forms of one phrase, or the reason it cannot be compiled.
  static func forms(of phrase: Phrase, index: Int) throws(PhraseMatcherBuildError) -> [PhraseForm] {
    // Fold scalar by scalar, dropping ignorables and leading non-word characters, collapsing gaps.
    var pieces: [FoldedScalar] = []
    var utf8 = Array(phrase.text.utf8)
    let n = utf8.count
    utf8.withUnsafeMutableBufferPointer { buf in
      guard let base = buf.baseAddress else { return }
      var i = 0
      while i < n {
        let (v, len) = UTF8Decoding.decode(base, i, n)
        i += len
        let f = ScalarFolding.fold(v)
        switch f.cls {
        case .ignorable: continue
        case .gap: if pieces.isEmpty || pieces.last!.cls == .gap { continue }
        case .other: if pieces.isEmpty { continue }
        case .word: break
        }
        pieces.append(f)
      }
    }
    while let last = pieces.last, last.cls == .gap { pieces.removeLast() }
    guard !pieces.isEmpty else {
      let blank = phrase.text.allSatisfy { $0.isWhitespace }
      throw PhraseMatcherBuildError(
        blank ? .emptyPhrase : .noWordCharacters, index: index, phrase: phrase.text)
    }
    let keepCase = phrase.options.contains(.caseSensitive)
    func bytes(_ ps: ArraySlice<FoldedScalar>, kept: Bool) -> [UInt8] {
      var out: [UInt8] = []
      out.reserveCapacity(ps.count + 4)
      for p in ps {
        for k in 0..<p.count(keepingCase: kept) { out.append(p.byte(k, keepingCase: kept)) }
      }
      return out
    }
    let folded = bytes(pieces[...], kept: false)
    guard folded.count <= PhraseMatcher.maximumPhraseBytes else {
      throw PhraseMatcherBuildError(.tooLong(limit: PhraseMatcher.maximumPhraseBytes), index: index, phrase: nil)
    }
    let endsInWord = pieces.last!.cls == .word
    var forms = [
      PhraseForm(
        folded: folded, kept: keepCase ? bytes(pieces[...], kept: true) : [], kind: .exact,
        needsRightBoundary: endsInWord)
    ]
    let options = phrase.options
    guard endsInWord, !options.contains(.prefix),
      !options.isDisjoint(with: [.inflectEnglish, .inflectDutch])
    else { return forms }
    var wordStart = pieces.count
    while wordStart > 0 && pieces[wordStart - 1].cls == .word { wordStart -= 1 }
    let lastWord = String(decoding: bytes(pieces[wordStart...], kept: false), as: UTF8.self)
    for change in Inflection.changes(lastWord: lastWord, options: options) {
      guard change.drop < pieces.count - wordStart else { continue }
      let stem = pieces[..<(pieces.count - change.drop)]
      let suffix = Array(change.suffix.utf8)
      let form = PhraseForm(
        folded: bytes(stem, kept: false) + suffix, kept: keepCase ? bytes(stem, kept: true) + suffix : [],
        kind: .inflected, needsRightBoundary: true)
      if !forms.contains(where: { $0.folded == form.folded && $0.kept == form.kept }) {
        forms.append(form)
      }
    }
    return forms
  }
}
