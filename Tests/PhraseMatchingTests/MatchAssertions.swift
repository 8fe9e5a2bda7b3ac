import DualScopeTestSupport
import PhraseMatching
import XCTest

/// Compiles `phrases`, checks the automaton's invariants and returns the matcher.
func compile(_ phrases: [Phrase], file: StaticString = #filePath, line: UInt = #line) -> PhraseMatcher? {
  do {
    let m = try PhraseMatcher(phrases)
    m._checkInvariants()
    return m
  } catch {
    XCTFail("compile failed: \(error)", file: file, line: line)
    return nil
  }
}

/// Asserts that the leftmost-longest spans of `phrases` in `marked`'s text are its marks, by
/// `findAll` + `resolveLeftmostLongest`, by `countLeftmostLongest`, and by the naive matcher.
func assertSpans(
  _ phrases: [Phrase], _ marked: String, _ context: String = "",
  file: StaticString = #filePath, line: UInt = #line
) {
  let expected = MarkedText(marked)
  guard let m = compile(phrases, file: file, line: line) else { return }
  var scratch = MatchScratch()
  m.findAll(in: expected.text, into: &scratch)
  let resolved = resolveLeftmostLongest(scratch.matches)
  var spans: [Range<Int>] = []
  for r in resolved where spans.last != r.start..<r.end { spans.append(r.start..<r.end) }
  XCTAssertEqual(
    MarkedText.render(expected.text, spans: spans), expected.description,
    "findAll \(context) \(phrases.map { "\($0.text)\($0.options.rawValue)" })", file: file, line: line)
  XCTAssertEqual(m.countLeftmostLongest(in: expected.text), expected.spans.count, "count \(context)", file: file, line: line)
  let naive = NaiveMatcher(phrases).findAll(Array(expected.text.utf8))
  XCTAssertEqual(scratch.matches, naive.matches, "naive \(context)", file: file, line: line)
  XCTAssertEqual(scratch.wordCount, naive.words, "words \(context)", file: file, line: line)
}

/// Phrases with consecutive IDs and the same options.
func phrases(_ texts: [String], _ options: PhraseOptions = []) -> [Phrase] {
  texts.enumerated().map { Phrase($1, id: TermID(UInt32($0)), options: options) }
}
