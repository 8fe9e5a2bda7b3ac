import ArgumentParser
import DualScope
import DualScopeReports
import Foundation

/// `dualscope screen`: a first triage of one project against sanctions, export-control and
/// screening regimes and named-organisation lists. A working aid, never a clearance.
struct ScreenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "screen",
    abstract: "Screen one project: which regimes may apply, why, and what to check next.",
    discussion: """
      The text is classified as with `classify`; the fields found, the partners, the person's \
      nationality, the funding and the date are then checked against each regime. A working aid, \
      not legal advice: no result is not clearance. The regimes and lists of the newest shipped \
      release are used with the default classifier release; --regimes and --taxonomy choose \
      others. Exit codes: 0 screened; 2 usage or data error.
      """)

  @OptionGroup var input: TextInputOptions
  @OptionGroup var taxonomy: TaxonomyOptions

  @Option(name: .customLong("partner-country"), help: "A partner's country: ISO code or name (repeatable).")
  var partnerCountries: [String] = []

  @Option(name: .customLong("partner-org"), help: "A partner organisation, as written (repeatable).")
  var partnerOrgs: [String] = []

  @Option(name: .customLong("person-nationality"), help: "The person's nationality: ISO code or country name.")
  var personNationality: String?

  @Option(help: "The funding programme or call, as written (e.g. 'Horizon Europe', 'NSERC Alliance').")
  var funding: String?

  @Option(help: "The date to screen for, YYYY-MM-DD (default: today, UTC).")
  var date: String?

  @OptionGroup var regimeOptions: RegimeOptions

  @OptionGroup var scoring: ScoringOptions

  @Option(help: "Output format: text, json or markdown (a decision record).")
  var format: ScreenFormat = .text

  @Option(name: .shortAndLong, help: "Write the result to this file (atomically) instead of standard output.")
  var output: String?

  func run() throws {
    let text = try Failure.guarding { try input.read() }
    try Failure.guarding {
      if text.allSatisfy(\.isWhitespace) {
        throw CLIError("the text is empty: give a project description as an argument, with --file, or on standard input")
      }
      _ = try RegimeOptions.day(date)
    }
    let rules = try regimeOptions.rules()
    let screeningInput = try Failure.guarding { () throws -> ScreeningInput in
      do throws(ScreeningInputError) {
        return try ScreeningInput(
          countries: rules.countries, partnerCountries: partnerCountries, partnerOrganisations: partnerOrgs,
          nationality: personNationality, funding: funding, date: date, names: .options)
      } catch {
        throw CLIError(error.message)
      }
    }
    let classifier = try Failure.guarding { try taxonomy.classifier(scoring) }
    let screener = try RegimeOptions.screener(rules, for: classifier.taxonomy)
    let classification = classifier.classify(text)
    let result = screener.screen(text: text, classification: classification, input: screeningInput)
    let metadata = ScreeningMetadata(taxonomy: classifier.taxonomy, rules: rules)
    let rendered: String
    switch format {
    case .json:
      rendered =
        try ResultJSON.encode(ScreeningDocument(metadata: metadata, classification: classification, screening: result))
        + "\n"
    case .markdown:
      rendered = ScreeningMarkdownRenderer().render(result, text: text, classification: classification, metadata: metadata)
    case .text:
      rendered = ScreeningTextRenderer().render(result, classification: classification, metadata: metadata)
    }
    try Failure.guarding { try OutputDestination(path: output).write(rendered) }
  }
}

/// `--format` of `screen`.
enum ScreenFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
  case markdown
}
