import ArgumentParser
import DualScope
import DualScopeReports
import Foundation

/// `dualscope map`: organisational units × areas (or the fields of one area).
struct MapCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "map",
    abstract: "Map where sensitive knowledge sits: organisational units × areas, from a batch result or a portfolio.",
    discussion: """
      INPUT is a `batch` JSONL result (run with --carry-columns naming the unit columns) or a \
      portfolio (CSV, JSONL, a folder), classified on the fly with the same flags as `batch`. \
      Several --unit-columns nest (faculty,department). Each cell: documents assigned, share of \
      the unit's documents, and the highest level among them; the HTML report adds a heat map, \
      sortable rows and the top projects behind each cell with their evidence. With screening \
      columns (as for batch), or from a batch result that was screened, each unit also shows how \
      many documents reached each triage level.
      Exit codes: 0 success; 1 some input records could not be read; 2 usage or data error.
      """)

  @Argument(help: "A batch JSONL result, or portfolio inputs (CSV, JSONL, a folder, '-').")
  var inputs: [String] = []

  @OptionGroup var portfolio: PortfolioOptions

  @Option(help: "Columns naming organisational units, nested in order (faculty,department).")
  var unitColumns: String

  @Option(help: "Map the fields of this area instead of the areas.")
  var area: String?

  @Option(help: "Output format: text, csv, markdown or html.")
  var format: String = "text"

  @Option(name: .shortAndLong, help: "Write the map to this file (atomically) instead of standard output.")
  var output: String?

  @Option(help: "Top projects kept per cell.")
  var top: Int = 5

  @OptionGroup var taxonomy: TaxonomyOptions
  @OptionGroup var scoring: ScoringOptions
  @OptionGroup(title: "Screening a portfolio (triage columns; a working aid, not legal advice)")
  var screening: ScreeningColumnOptions

  func validate() throws {
    guard ["text", "csv", "markdown", "html"].contains(format) else {
      throw ValidationError("--format takes text, csv, markdown or html, got '\(format)'")
    }
    if PortfolioOptions.list(unitColumns).isEmpty { throw ValidationError("--unit-columns names no column") }
    if top < 1 { throw ValidationError("--top must be at least 1") }
  }

  func run() throws {
    let (map, problems) = try Failure.guarding { () throws -> (InstitutionMap, [RecordError]) in
      let (classifier, screened) = try taxonomy.classifier(scoring, screening: screening)
      if let area, classifier.taxonomy.node(area)?.kind != .area {
        throw CLIError(
          "--area names no area '\(area)'; the areas are: " + classifier.taxonomy.areas.map(\.id).joined(separator: ", "))
      }
      var builder = InstitutionMapBuilder(
        taxonomy: classifier.taxonomy, unitColumns: PortfolioOptions.list(unitColumns), area: area)
      builder.topCount = top
      let problems: [RecordError]
      if inputs.count == 1, Self.isBatchResult(inputs[0]) {
        if !screening.columns.isEmpty {
          throw CLIError(
            "the screening columns are read from a portfolio; a batch result carries its screening already "
              + "(run batch with them)")
        }
        problems = try builder.addResults(inputs[0])
      } else {
        problems = try builder.add(portfolio: portfolio.input(inputs), classifier: classifier, screening: screened)
      }
      return (builder.build(metadata: ResultMetadata(taxonomy: classifier.taxonomy, options: classifier.options)), problems)
    }
    let renderer = DiagnosticRenderer(colour: Terminal.stderrColour)
    for e in problems.prefix(10) { StandardStreams.error(renderer.render(e)) }
    if problems.count > 10 { StandardStreams.error("… and \(problems.count - 10) more unreadable records\n") }
    let rendered: String
    switch format {
    case "csv": rendered = MapTableRenderer.csv(map)
    case "markdown": rendered = MapTableRenderer.markdown(map)
    case "html": rendered = MapHTMLRenderer.render(map)
    default: rendered = MapTableRenderer.text(map)
    }
    try Failure.guarding { try OutputDestination(path: output).write(rendered) }
    if !problems.isEmpty { throw ExitCode(ExitStatus.found) }
  }

  /// Whether a file is a `batch` JSONL result: its first line has `status` and `carried`.
  static func isBatchResult(_ path: String) -> Bool {
    guard InputFormat.guess(path) == .jsonl, path != "-", let handle = FileHandle(forReadingAtPath: path) else {
      return false
    }
    defer { try? handle.close() }
    guard !path.hasSuffix(".gz") else { return false }
    let head = handle.readData(ofLength: 1 << 16)
    let first = head.split(separator: 0x0A, maxSplits: 1).first ?? Data()
    guard let object = (try? JSONSerialization.jsonObject(with: Data(first))) as? [String: Any] else { return false }
    return object["status"] is String && object["carried"] is [String: Any]
  }
}
