import DualScope
import DualScopeTestSupport
import Foundation

/// What the report tests classify: the fixture releases and a generated portfolio.
enum ReportFixtures {
  static var old: Taxonomy { Fixtures.taxonomy(Fixtures.release("diff-old")) }
  static var new: Taxonomy { Fixtures.taxonomy(Fixtures.release("diff-new")) }

  static func classifier() throws -> Classifier {
    try Classifier(taxonomy: Fixtures.taxonomy(Fixtures.release("classifier")))
  }

  static func portfolio(_ n: Int, in folder: TemporaryFolder) throws -> String {
    try Fixtures.portfolio(n, in: folder)
  }

  static func runner(_ path: String, threads: Int) throws -> BatchRunner {
    var input = PortfolioInput(
      inputs: [path], layout: RecordLayout(idColumn: "id", textColumns: ["title", "abstract"], carryColumns: ["dept"]),
      threads: threads)
    input.chunkBytes = 4096
    return BatchRunner(classifier: try classifier(), options: BatchOptions(input: input))
  }
}
