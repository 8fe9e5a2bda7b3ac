import ArgumentParser
import DualScope
import DualScopeReports

/// `dualscope taxonomy`: look inside a release.
struct TaxonomyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "taxonomy",
    abstract: "Look inside a taxonomy release: statistics, the tree, one field.",
    subcommands: [Stats.self, List.self, Show.self])

  struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Counts and identity of a release.")

    @Argument(help: "A release folder, shipped version or git:REV:PATH (default: the newest shipped release).")
    var path: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
      var options = TaxonomyOptions()
      options.taxonomy = path
      let stats = TaxonomyStats(try Failure.guarding { try options.load().taxonomy })
      switch format {
      case .json: StandardStreams.out(try ResultJSON.encode(stats) + "\n")
      case .text: StandardStreams.out(TaxonomyTextRenderer.text(stats))
      }
      StandardStreams.flush()
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The tree of areas and fields.")

    @OptionGroup var taxonomy: TaxonomyOptions

    func run() throws {
      let t = try Failure.guarding { try taxonomy.load().taxonomy }
      var out = "\(t.id) \(t.version): \(t.manifest.title)\n"
      for node in t.nodes {
        let indent = String(repeating: "  ", count: node.depth)
        let count = node.kind == .area ? "" : "  (\(node.terms.count) terms, \(node.sensitivity.rawValue))"
        out += "\(indent)\(node.id)  \(node.name.en) / \(node.name.nl)\(count)\n"
      }
      StandardStreams.out(out)
      StandardStreams.flush()
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "One area or field: crosswalks, dual-use codes, terms.")

    @Argument(help: "The ID of an area or field, e.g. quantum.computing.")
    var id: String

    @OptionGroup var taxonomy: TaxonomyOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
      let (t, node) = try Failure.guarding { () throws -> (Taxonomy, TaxonomyNode) in
        let t = try taxonomy.load().taxonomy
        guard let node = t.node(id) else {
          let guess = t.nodes.map(\.id).min { a, b in a.commonPrefix(with: id).count > b.commonPrefix(with: id).count }
          throw CLIError("unknown area or field '\(id)'" + (guess.map { " (did you mean '\($0)'?)" } ?? ""))
        }
        return (t, node)
      }
      let view = NodeView(node, in: t)
      switch format {
      case .json: StandardStreams.out(try ResultJSON.encode(view) + "\n")
      case .text: StandardStreams.out(TaxonomyTextRenderer.text(view))
      }
      StandardStreams.flush()
    }
  }
}
