import ArgumentParser

/// The columns one text would carry in a portfolio (`--context COLUMN=VALUE`), for a release's
/// record-context rules and a calibrated release's context columns.
struct RecordContextOptions: ParsableArguments {
  @Option(
    name: .customLong("context"),
    help: ArgumentHelp(
      "A column describing the record, as COLUMN=VALUE (repeatable): what a portfolio would carry, "
        + "for a release's record-context rules or a calibrated release's context columns.",
      valueName: "column=value"))
  var context: [String] = []

  /// The columns and values, in the order given.
  func metadata() throws -> [(String, String)] {
    try context.map { item -> (String, String) in
      guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
        throw CLIError("--context wants COLUMN=VALUE, found '\(item)'")
      }
      return (String(item[..<eq]), String(item[item.index(after: eq)...]))
    }
  }
}
