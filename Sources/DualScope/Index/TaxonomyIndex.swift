import PhraseMatching

/// A taxonomy compiled for matching: one phrase matcher over every term and exclusion phrase,
/// and the tables that map a match back to its field and term.
///
/// Built once, immutable and `Sendable`; share it between threads.
public final class TaxonomyIndex: Sendable {
  /// One term of one field, as the scorer sees it: plain values only, so reading one in the
  /// scoring loop copies no reference.
  struct TermEntry: Sendable {
    /// Index of the owning field in ``Taxonomy/nodes``.
    let node: Int
    /// Index of the term in the node's `terms`.
    let term: Int
    /// The weight after the specificity discount.
    let weight: Double
    /// The weight the taxonomy gives the term.
    let declaredWeight: Double
    let isWeak: Bool
    /// The exclusion phrase numbers that cancel this term:
    /// `exclusionList[exclusionStart ..< exclusionEnd]`.
    let exclusionStart: Int32
    let exclusionEnd: Int32

    var hasExclusions: Bool { exclusionEnd > exclusionStart }
  }

  public let taxonomy: Taxonomy
  let matcher: PhraseMatcher
  /// What the matcher was compiled from: terms, exclusion phrases and cues, by phrase ID (kept so
  /// that two releases can be matched in one scan, ``JointMatcher``).
  let phrases: [Phrase]
  /// Term entries by ``TermID`` raw value; IDs past `entries.count` are exclusion phrases, and
  /// past those the study-context cues.
  let entries: [TermEntry]
  /// Exclusion phrases by number; their phrase IDs are `entries.count + number`.
  let exclusionPhrases: [String]
  /// By exclusion number: whether the phrase is a second meaning, which cancels its terms
  /// anywhere in the text, not only where it overlaps them.
  let exclusionAnywhere: [Bool]
  /// The first phrase ID of a study-context cue; cue `k` is `cueStart + k`.
  let cueStart: Int
  /// The cues as the release writes them (`histor*`), by number: the study context's cues, then
  /// its decisive cues.
  let cueDisplay: [String]
  /// The number of the first decisive cue (cues from it on put a text in the study context alone).
  let decisiveCueStart: Int
  /// The exclusion numbers of every entry, one run per entry, each run sorted.
  let exclusionList: [Int]
  /// Each entry's term as shown in evidence (`cryptograph*` for a prefix term), and its language.
  let display: [String]
  let language: [String]
  /// The nodes as flat arrays.
  let nodes: NodeTable
  /// Effective thresholds per node.
  let thresholds: [Double]

  /// Compiles a taxonomy.
  public init(_ taxonomy: Taxonomy) throws(PhraseMatcherBuildError) {
    self.taxonomy = taxonomy
    let plan = Plan(taxonomy)
    self.cueStart = plan.cueStart
    self.cueDisplay = plan.cueDisplay
    self.decisiveCueStart = taxonomy.manifest.studyContext?.cues.count ?? 0
    self.matcher = try PhraseMatcher(plan.phrases)
    self.phrases = plan.phrases
    self.entries = plan.entries
    self.exclusionPhrases = plan.exclusionPhrases
    self.exclusionAnywhere = plan.exclusionAnywhere
    self.exclusionList = plan.exclusionList
    self.display = plan.display
    self.language = plan.language
    let nodes = NodeTable(taxonomy)
    self.nodes = nodes
    let defaults = taxonomy.manifest.defaults
    self.thresholds = taxonomy.nodes.map {
      $0.threshold ?? ($0.kind == .area ? defaults.areaThreshold : defaults.fieldThreshold)
    }
  }

  /// The phrases the index of `taxonomy` matches, by phrase ID, worked out without building the
  /// matcher: what a ``JointMatcher`` built ahead of the classifier is built from.
  static func phrases(of taxonomy: Taxonomy) -> [Phrase] { Plan(taxonomy).phrases }

  /// Everything an index is compiled from but its matcher: the phrases and the tables that map a
  /// phrase ID back to its term, exclusion or cue.
  private struct Plan {
    var entries: [TermEntry] = []
    var phrases: [Phrase] = []
    var exclusionPhrases: [String] = []
    var exclusionAnywhere: [Bool] = []
    var exclusionList: [Int] = []
    var display: [String] = []
    var language: [String] = []
    var cueStart = 0
    var cueDisplay: [String] = []

    init(_ taxonomy: Taxonomy) {
      var entries: [TermEntry] = []
      var phrases: [Phrase] = []
      // An exclusion and a second meaning of the same phrase are two numbers.
      var exclusionNumber: [String: Int] = [:]
      var meaningNumber: [String: Int] = [:]
      var exclusionPhrases: [String] = []
      var exclusionAnywhere: [Bool] = []
      var exclusionList: [Int] = []
      var display: [String] = []
      var language: [String] = []

      // Specificity: a phrase listed in n fields weighs 1/sqrt(n) in each.
      var fieldsPerKey: [String: Int] = [:]
      for node in taxonomy.nodes {
        for key in Set(node.terms.map(DuplicateTermCheck.key)) { fieldsPerKey[key, default: 0] += 1 }
      }

      func exclusion(_ text: String, anywhere: Bool = false) -> Int {
        if let n = (anywhere ? meaningNumber : exclusionNumber)[text] { return n }
        exclusionPhrases.append(text)
        exclusionAnywhere.append(anywhere)
        let n = exclusionPhrases.count - 1
        if anywhere { meaningNumber[text] = n } else { exclusionNumber[text] = n }
        return n
      }

      for (nodeIndex, node) in taxonomy.nodes.enumerated() {
        // A node's exclusions apply to its own terms and to every descendant's.
        var inherited: [String] = []
        var cursor: TaxonomyNode? = node
        while let current = cursor {
          inherited += current.exclusions
          cursor = current.parentID.flatMap { taxonomy.node($0) }
        }
        for (termIndex, term) in node.terms.enumerated() {
          let shared = Double(fieldsPerKey[DuplicateTermCheck.key(term)] ?? 1)
          let overlapping = (term.exclusions + inherited).map { exclusion($0) }
          let excl = Array(Set(overlapping + term.secondMeanings.map { exclusion($0, anywhere: true) })).sorted()
          let start = Int32(exclusionList.count)
          exclusionList += excl
          entries.append(
            TermEntry(
              node: nodeIndex, term: termIndex, weight: term.weight / shared.squareRoot(), declaredWeight: term.weight,
              isWeak: term.isWeak, exclusionStart: start, exclusionEnd: Int32(exclusionList.count)))
          display.append(term.displayPhrase)
          language.append(term.language)
          phrases.append(Phrase(term.phrase, id: TermID(UInt32(entries.count - 1)), options: TaxonomyIndex.options(term)))
        }
      }
      for (n, text) in exclusionPhrases.enumerated() {
        phrases.append(
          Phrase(text, id: TermID(UInt32(entries.count + n)), options: [.inflectEnglish, .inflectDutch]))
      }
      let cueStart = entries.count + exclusionPhrases.count
      let cues = (taxonomy.manifest.studyContext?.cues ?? []) + (taxonomy.manifest.studyContext?.decisiveCues ?? [])
      for (k, cue) in cues.enumerated() {
        var options: PhraseOptions = cue.isPrefix ? [.prefix] : TaxonomyIndex.inflection(cue.language)
        if cue.isCompound { options.insert(.compoundPart) }
        phrases.append(Phrase(cue.phrase, id: TermID(UInt32(cueStart + k)), options: options))
      }
      self.cueStart = cueStart
      self.cueDisplay = cues.map(\.displayPhrase)
      self.phrases = phrases
      self.entries = entries
      self.exclusionPhrases = exclusionPhrases
      self.exclusionAnywhere = exclusionAnywhere
      self.exclusionList = exclusionList
      self.display = display
      self.language = language
    }
  }

  static func options(_ term: Term) -> PhraseOptions {
    var options: PhraseOptions = []
    if term.caseSensitive { options.insert(.caseSensitive) }
    if term.isPrefix { options.insert(.prefix) }
    if term.isCompoundPart { options.insert(.compoundPart) }
    if term.inflects && !term.caseSensitive { options.formUnion(Self.inflection(term.language)) }
    return options
  }

  /// The plural forms a phrase of `language` gets.
  static func inflection(_ language: String) -> PhraseOptions {
    switch language {
    case "en": [.inflectEnglish]
    case "nl": [.inflectDutch]
    default: []
    }
  }

  /// The term an entry stands for.
  func term(_ entry: TermEntry) -> Term { taxonomy.nodes[entry.node].terms[entry.term] }

  /// Whether exclusion phrase `number` cancels `entry`.
  @inline(__always)
  func excludes(_ number: Int, _ entry: TermEntry) -> Bool {
    var i = Int(entry.exclusionStart)
    while i < Int(entry.exclusionEnd) {
      if exclusionList[i] == number { return true }
      i &+= 1
    }
    return false
  }
}
