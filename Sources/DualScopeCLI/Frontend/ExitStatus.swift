/// The exit codes of every subcommand: part of the interface scripts rely on.
enum ExitStatus {
  static let success: Int32 = 0
  /// A check found something: diff found changes, match found nothing, a batch had error records.
  static let found: Int32 = 1
  /// Bad usage, or data that could not be read.
  static let usageOrDataError: Int32 = 2
}
