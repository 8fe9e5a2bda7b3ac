internal import CLibYAML

/// The owner of one libyaml event parser over one input.
///
/// The `yaml_parser_t` lives at a fixed heap address (libyaml keeps a pointer
/// to it for its string reader) and is deleted in `deinit`; the input bytes are
/// copied into a buffer of our own that outlives the parser. Used only inside
/// `YAMLReader.parseDocument`, on one thread.
final class LibYAMLParser {
  /// One parse event, its C strings copied into Swift values.
  enum Event: Equatable {
    case streamStart
    case streamEnd
    case documentStart
    case documentEnd
    case alias(anchor: String)
    case scalar(String, YAMLScalarStyle, anchor: String?, tag: String?)
    case sequenceStart(anchor: String?, tag: String?)
    case sequenceEnd
    case mappingStart(anchor: String?, tag: String?)
    case mappingEnd
  }

  /// What libyaml reported when it stopped.
  struct Failure: Error {
    var problem: String
    /// Where the problem is; nil for reader errors, which give `offset` instead.
    var mark: YAMLMark?
    /// The byte offset of the problem, for reader errors.
    var offset: Int?
    var context: String?
    var contextMark: YAMLMark?
  }

  private let parser: UnsafeMutablePointer<yaml_parser_t>
  private let input: UnsafeMutableBufferPointer<UInt8>
  private var finished = false

  /// Creates a parser over a copy of `bytes`; nil if libyaml cannot allocate its state.
  init?(bytes: [UInt8]) {
    parser = .allocate(capacity: 1)
    guard yaml_parser_initialize(parser) != 0 else {
      parser.deallocate()
      return nil
    }
    // At least one byte so the pointer is never null; libyaml reads only `count`.
    input = .allocate(capacity: max(bytes.count, 1))
    _ = input.initialize(from: bytes)
    yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
  }

  deinit {
    yaml_parser_delete(parser)
    parser.deallocate()
    input.deallocate()
  }

  /// The next event and where it starts. After `streamEnd` the parser must not be asked again.
  func next() throws(Failure) -> (event: Event, mark: YAMLMark) {
    precondition(!finished, "LibYAMLParser asked for an event after the end of the stream")
    var event = yaml_event_t()
    guard yaml_parser_parse(parser, &event) != 0 else {
      finished = true
      throw failure()
    }
    defer { yaml_event_delete(&event) }
    let mark = Self.mark(event.start_mark)
    switch event.type {
    case YAML_STREAM_START_EVENT:
      return (.streamStart, mark)
    case YAML_STREAM_END_EVENT:
      finished = true
      return (.streamEnd, mark)
    case YAML_DOCUMENT_START_EVENT:
      return (.documentStart, mark)
    case YAML_DOCUMENT_END_EVENT:
      return (.documentEnd, mark)
    case YAML_ALIAS_EVENT:
      return (.alias(anchor: Self.string(event.data.alias.anchor) ?? ""), mark)
    case YAML_SCALAR_EVENT:
      let data = event.data.scalar
      let value = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
      return (.scalar(value, Self.style(data.style), anchor: Self.string(data.anchor), tag: Self.tag(data.tag)), mark)
    case YAML_SEQUENCE_START_EVENT:
      let data = event.data.sequence_start
      return (.sequenceStart(anchor: Self.string(data.anchor), tag: Self.tag(data.tag)), mark)
    case YAML_SEQUENCE_END_EVENT:
      return (.sequenceEnd, mark)
    case YAML_MAPPING_START_EVENT:
      let data = event.data.mapping_start
      return (.mappingStart(anchor: Self.string(data.anchor), tag: Self.tag(data.tag)), mark)
    case YAML_MAPPING_END_EVENT:
      return (.mappingEnd, mark)
    default:
      finished = true
      throw Failure(problem: "unexpected event from libyaml (type \(event.type.rawValue))", mark: mark)
    }
  }

  // MARK: - Conversions

  private func failure() -> Failure {
    let state = parser.pointee
    let problem = state.problem.map { String(cString: $0) }
    switch state.error {
    case YAML_MEMORY_ERROR:
      return Failure(problem: "out of memory", mark: YAMLMark(line: 1, column: 1))
    case YAML_READER_ERROR:
      return Failure(problem: problem ?? "unreadable input", offset: state.problem_offset)
    default:
      return Failure(
        problem: problem ?? "unknown error",
        mark: Self.mark(state.problem_mark),
        context: state.context.map { String(cString: $0) },
        contextMark: state.context == nil ? nil : Self.mark(state.context_mark))
    }
  }

  private static func mark(_ mark: yaml_mark_t) -> YAMLMark {
    YAMLMark(line: mark.line + 1, column: mark.column + 1)
  }

  private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    pointer.map { String(cString: $0) }
  }

  private static let standardTagPrefix = "tag:yaml.org,2002:"

  /// A tag in its short form for the standard namespace (`!!str`), as resolved otherwise.
  private static func tag(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let tag = string(pointer) else { return nil }
    if tag.hasPrefix(standardTagPrefix) {
      return "!!" + tag.dropFirst(standardTagPrefix.count)
    }
    return tag
  }

  private static func style(_ style: yaml_scalar_style_t) -> YAMLScalarStyle {
    switch style {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
    case YAML_LITERAL_SCALAR_STYLE: .literal
    case YAML_FOLDED_SCALAR_STYLE: .folded
    default: .plain
    }
  }
}
