/// The version of the DualScope tool and library, recorded in every machine-readable result.
public enum ToolVersion {
  public static let current = "0.1.0"
}
