/// Numbers as a person writes them in messages and reports: `3`, `2.5`, `0.75`.
public enum NumberText {
  /// Whole numbers without a decimal point; others as Swift prints them.
  public static func plain(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
  }

  /// Rounded to two decimals first (score arithmetic in explanations).
  public static func short(_ x: Double) -> String { plain((x * 100).rounded() / 100) }
}
