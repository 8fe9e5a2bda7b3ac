/// The one place that knows which taxonomy schema versions this loader reads.
enum SchemaVersion {
  /// The newest schema version this build reads.
  static let current = 1

  /// The schema version of a manifest: missing means 1; newer than ``current`` is an error.
  static func check(_ node: YAMLNode?, in decoding: inout YAMLDecoding) -> Int {
    guard let node else { return 1 }
    guard let version = decoding.integer(node, key: "schema_version") else { return 1 }
    if version < 1 {
      decoding.error("schema_version \(version) is not valid (versions start at 1)", at: node)
    } else if version > current {
      decoding.error(
        "schema_version \(version) is newer than this dualscope reads (\(current)); "
          + "upgrade dualscope to load this taxonomy", at: node)
    }
    return version
  }
}

import TaxonomyYAML
