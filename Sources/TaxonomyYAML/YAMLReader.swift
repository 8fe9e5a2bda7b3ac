/// Reads YAML documents into `YAMLNode` trees with libyaml.
public enum YAMLReader {
  /// Parses exactly one YAML document (or none: returns nil for an empty stream or comments only).
  ///
  /// Before libyaml sees the input, the reader refuses input over
  /// `limits.maxBytes`, NUL bytes and ill-formed UTF-8, each with the line
  /// and column of the offending byte. While building the tree it refuses
  /// nesting deeper than `limits.maxDepth`, more than `limits.maxNodes`
  /// nodes, alias copies beyond `limits.maxAliasExpansion` nodes, unknown or
  /// recursive aliases and a second document. Duplicate mapping keys are all
  /// reported; any other problem stops reading. A syntax error on a line
  /// indented with a tab, or at a tab, is reported as tab indentation; tabs
  /// that libyaml accepts (inside scalars, comments, flow collections) are fine.
  /// Content after the document, or a second `---`, is refused as a second document.
  ///
  /// - Parameters:
  ///   - bytes: the file's content, UTF-8 with or without a byte order mark.
  ///   - file: the name used in problems.
  ///   - limits: bounds on size, depth and expansion.
  public static func parseDocument(
    _ bytes: [UInt8], file: String, limits: YAMLLimits = YAMLLimits()
  ) throws(YAMLError) -> YAMLNode? {
    guard bytes.count <= limits.maxBytes else {
      throw YAMLError(
        .tooLarge, file: file, mark: YAMLMark(line: 1, column: 1),
        message: "file is larger than \(limits.maxBytes) bytes")
    }
    let source = SourceText(bytes)
    if let problem = source.firstInputProblem() {
      throw YAMLError(problem.kind, file: file, mark: source.mark(atOffset: problem.offset), message: problem.message)
    }
    guard let parser = LibYAMLParser(bytes: bytes) else {
      throw YAMLError(
        .syntax, file: file, mark: YAMLMark(line: 1, column: 1),
        message: "could not parse YAML: out of memory")
    }

    // At the end of a text without a final line break libyaml reports a line of its own; marks
    // there are moved to the end of the last line, so every mark lies inside the file.
    let end = source.mark(atOffset: bytes.count)
    func inside(_ mark: YAMLMark) -> YAMLMark { mark.line > end.line ? end : mark }

    var builder = TreeBuilder(limits: limits)
    var stop: (kind: YAMLError.Kind, mark: YAMLMark, message: String)?
    reading: while true {
      let next: (event: LibYAMLParser.Event, mark: YAMLMark)
      do {
        next = try parser.next()
      } catch {
        stop = syntaxProblem(error, in: source, afterDocument: builder.hasDocument)
        break reading
      }
      do {
        if try builder.handle(next.event, at: inside(next.mark)) { break reading }
      } catch {
        stop = (error.kind, error.mark, error.message)
        break reading
      }
    }

    // In source order: a key repeated through an alias is found when the alias is expanded,
    // after keys written later in the file.
    var problems = builder.duplicateKeys.sorted { $0.mark < $1.mark }
      .map { YAMLProblem(file: file, mark: $0.mark, message: $0.message) }
    if let stop {
      problems.append(YAMLProblem(file: file, mark: inside(stop.mark), message: stop.message))
      throw YAMLError(problems: problems, kind: stop.kind)
    }
    guard problems.isEmpty else {
      throw YAMLError(problems: problems, kind: .duplicateKey)
    }
    return builder.root
  }

  /// Turns libyaml's report into a problem, naming tab indentation when it is the cause.
  private static func syntaxProblem(
    _ failure: LibYAMLParser.Failure, in source: SourceText, afterDocument: Bool
  ) -> (kind: YAMLError.Kind, mark: YAMLMark, message: String) {
    let mark = failure.mark ?? source.mark(atOffset: failure.offset ?? 0)
    if let tab = source.blamedTab(forErrorAt: mark) {
      return (.tabIndentation, tab, "tab character used for indentation; use spaces")
    }
    // Content after a complete document (or after `...` without `---`) is a second document.
    if afterDocument, failure.problem == "did not find expected <document start>" {
      let stop = TreeBuilder.secondDocument(at: mark)
      return (stop.kind, stop.mark, stop.message)
    }
    var message = "could not parse YAML: \(failure.problem)"
    if let context = failure.context {
      if let contextMark = failure.contextMark, contextMark != mark {
        message += " (\(context) that started at line \(contextMark.line), column \(contextMark.column))"
      } else {
        message += " (\(context))"
      }
    }
    return (.syntax, mark, message)
  }
}
