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

  /// A CSV portfolio of `n` rows in `folder` with a bad row every 97 and an empty text every 50,
  /// spread over three departments.
  static func portfolio(_ n: Int, in folder: TemporaryFolder) throws -> String {
    var text = "id,title,abstract,dept\n"
    let topics = [
      "A qubit array with cryogenic control", "Machine learning for protein folding", "Dutch poetry of the 1950s",
      "Een kwantumcomputer met spinqubits", "AI and machine learning for triage",
    ]
    for i in 0..<n {
      if i % 97 == 13 {
        text += "\(i),\"unbalanced,x,y\n"
      } else if i % 50 == 7 {
        text += "\(i),,,D\(i % 3)\n"
      } else {
        text += "\(i),\"\(topics[i % topics.count]), part \(i)\",\"Line one\nline two, qubit \(i)\",D\(i % 3)\n"
      }
    }
    return try folder.write("p.csv", text)
  }

  static func runner(_ path: String, threads: Int) throws -> BatchRunner {
    var input = PortfolioInput(
      inputs: [path], layout: RecordLayout(idColumn: "id", textColumns: ["title", "abstract"], carryColumns: ["dept"]),
      threads: threads)
    input.chunkBytes = 4096
    return BatchRunner(classifier: try classifier(), options: BatchOptions(input: input))
  }
}
