/// Writes the documents a revision changes (`diff --impact-output`), one ``DiffImpactLine`` a
/// JSON line, atomically like every output.
public final class ChangedDocumentWriter {
  private let file: AtomicOutputFile
  private let old: String
  private let new: String

  /// Writes to `path` (standard output for `-`); `old` and `new` are the release versions.
  public init(path: String, old: String, new: String) throws {
    file = try AtomicOutputFile(path)
    self.old = old
    self.new = new
  }

  /// Appends one changed document as a JSON line.
  public func write(_ change: DocumentChange) throws {
    try file.write(try ResultJSON.encode(DiffImpactLine(old: old, new: new, document: change), pretty: false) + "\n")
  }

  /// Puts the file in place.
  public func commit() throws { try file.commit() }
  /// Drops a partial file.
  public func abort() { file.abort() }
}
