import Foundation

/// Numbers as a person writes them in messages and reports: `3`, `2.5`, `0.75`.
public enum NumberText {
  /// Whole numbers without a decimal point; others as Swift prints them.
  public static func plain(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
  }

  /// Rounded to two decimals first (score arithmetic in explanations).
  public static func short(_ x: Double) -> String { plain((x * 100).rounded() / 100) }

  /// A probability as ``short(_:)`` writes it, but never a certainty the model does not give:
  /// 0.997 is "> 0.99", not "1" (`classify`'s areas; the self-check page writes it the same way).
  public static func probability(_ p: Double) -> String { p >= 0.995 ? "> 0.99" : short(p) }

  /// A score below its bar and the bar, as ``short(_:)`` writes them, or with as many more
  /// decimals (up to six) as it takes for the written score to read as below the written bar:
  /// 1.2496 against 1.25 is "1.2496" and "1.25", not "1.25" and "1.25".
  public static func short(_ x: Double, below bar: Double) -> (score: String, bar: String) {
    guard x < bar else { return (short(x), short(bar)) }
    for digits in 2...6 {
      let scale = pow(10, Double(digits))
      let (s, b) = (plain((x * scale).rounded() / scale), plain((bar * scale).rounded() / scale))
      if Double(s)! < Double(b)! { return (s, b) }
    }
    return (String(x), String(bar))
  }
}
