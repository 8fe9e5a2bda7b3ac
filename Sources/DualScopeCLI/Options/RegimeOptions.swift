import ArgumentParser
import DualScope
import Foundation

/// Which regimes and organisation lists a screening uses: `--regimes` and `--lists`, shared by
/// `screen` and the portfolio commands that screen.
struct RegimeOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "A release folder holding regimes/ (and lists/), or a regimes folder (default: the shipped regimes).",
      valueName: "dir"))
  var regimes: String?

  @Option(
    name: .customLong("lists"),
    help: ArgumentHelp("A folder of named-organisation lists to add (repeatable).", valueName: "dir"))
  var lists: [String] = []

  /// The regimes and lists, or exit 2 with every problem found in them.
  func rules() throws -> ScreeningRules { try Self.rules(loadRules()) }

  /// The regimes and lists as loaded, or their problems, not reported yet: a portfolio command
  /// loads them on a second thread while it loads the release.
  func loadRules() -> Result<ScreeningRules, TaxonomyLoadError> {
    do {
      if let regimes { return .success(try ScreeningLoader.load(directory: regimes, extraLists: lists)) }
      return .success(try ShippedScreening.load(extraLists: lists))
    } catch {
      return .failure(error)
    }
  }

  /// The rules `loaded` holds, or exit 2 with every problem found in them.
  static func rules(_ loaded: Result<ScreeningRules, TaxonomyLoadError>) throws -> ScreeningRules {
    switch loaded {
    case .success(let rules): return rules
    case .failure(let error):
      StandardStreams.error(
        DiagnosticRenderer(sources: error.sources, colour: Terminal.stderrColour).render(error.diagnostics))
      let count = error.errors.count
      StandardStreams.error("\(count) error\(count == 1 ? "" : "s") in the regimes or lists\n")
      throw ExitCode(ExitStatus.usageOrDataError)
    }
  }

  /// A screener over `rules` for the classifier's release, or exit 2 when the regimes name areas
  /// or fields the release lacks.
  static func screener(_ rules: ScreeningRules, for taxonomy: Taxonomy) throws -> Screener {
    let problems = rules.check(against: taxonomy)
    if !problems.isEmpty {
      StandardStreams.error(DiagnosticRenderer(sources: rules.sources, colour: Terminal.stderrColour).render(problems))
      StandardStreams.error("the regimes do not fit taxonomy \(taxonomy.version); choose another with --taxonomy\n")
      throw ExitCode(ExitStatus.usageOrDataError)
    }
    do {
      return try Screener(rules: rules)
    } catch {
      StandardStreams.error("error: \(error)\n")
      throw ExitCode(ExitStatus.usageOrDataError)
    }
  }

  /// `--date`: a day as YYYY-MM-DD, today (UTC) when nil.
  static func day(_ date: String?) throws -> CalendarDay {
    do throws(ScreeningInputError) {
      return try ScreeningInput.day(date)
    } catch {
      throw CLIError(error.message)
    }
  }
}

/// The columns of a portfolio that hold screening inputs, shared by `batch`, `map` and
/// `diff --impact`. Naming any of them screens every record.
struct ScreeningColumnOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Screen each record: the column with its partners' countries (codes or names, ';'-separated).", valueName: "column"))
  var partnerCountryColumn: String?

  @Option(help: ArgumentHelp("Screen each record: the column with its partner organisations (';'-separated).", valueName: "column"))
  var partnerOrgColumn: String?

  @Option(help: ArgumentHelp("Screen each record: the column with the person's nationality.", valueName: "column"))
  var nationalityColumn: String?

  @Option(help: ArgumentHelp("Screen each record: the column with its funding programme.", valueName: "column"))
  var fundingColumn: String?

  @Option(name: .customLong("date"), help: "When screening: the date to screen for, YYYY-MM-DD (default: today, UTC).")
  var date: String?

  @OptionGroup var regimeOptions: RegimeOptions

  var columns: ScreeningColumns {
    ScreeningColumns(
      partnerCountry: partnerCountryColumn, partnerOrganisation: partnerOrgColumn, nationality: nationalityColumn,
      funding: fundingColumn)
  }

  func validate() throws {
    if columns.isEmpty && (date != nil || regimeOptions.regimes != nil || !regimeOptions.lists.isEmpty) {
      throw ValidationError(
        "--date, --regimes and --lists screen a portfolio: name its columns too (--partner-country-column, "
          + "--partner-org-column, --nationality-column or --funding-column)")
    }
  }

  /// `--date`, checked: the day a portfolio is screened for.
  func day() throws -> CalendarDay { try Failure.guarding { try RegimeOptions.day(date) } }

  /// The portfolio screening these options ask for on `day`, for the classifier's release, from
  /// the regimes and lists as loaded (``RegimeOptions/loadRules()``), or exit 2 with their
  /// problems.
  func screening(
    for taxonomy: Taxonomy, rules loaded: Result<ScreeningRules, TaxonomyLoadError>, day: CalendarDay
  ) throws -> PortfolioScreening {
    let rules = try RegimeOptions.rules(loaded)
    return PortfolioScreening(screener: try RegimeOptions.screener(rules, for: taxonomy), columns: columns, date: day)
  }
}
