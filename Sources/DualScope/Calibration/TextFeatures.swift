import Foundation

/// The parts of a text the calibrated scorer tells apart, and the hashed words around the terms.
///
/// Both are computed on the UTF-8 bytes in one pass each, with no allocation beyond the scratch
/// buffers, so that a calibrated release costs a few microseconds per abstract over plain scoring.

/// What a sentence does in a description: names the work, says what the work is, gives the
/// background, or speaks of impact and dissemination.
public enum SentenceRole: Int, Sendable, Hashable, CaseIterable, Codable {
  case title = 0
  case aim = 1
  case background = 2
  case impact = 3
  case body = 4

  /// Which role wins when a sentence has cues of several: aim, impact, background, then body.
  var rank: Int {
    switch self {
    case .aim: 0
    case .impact: 1
    case .background: 2
    case .title, .body: 3
    }
  }

  public var name: String {
    switch self {
    case .title: "title"
    case .aim: "aim"
    case .background: "background"
    case .impact: "impact"
    case .body: "body"
    }
  }
}

/// A sentence: its byte range and role.
struct Sentence: Sendable, Hashable {
  var start: Int
  var end: Int
  var role: SentenceRole
}

/// FNV-1a, 64 bits, over bytes: the split of corpora into train and validation parts and the
/// hashing of context words use it.
public enum FNV1a {
  public static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
  public static let prime: UInt64 = 0x0000_0100_0000_01b3

  public static func hash<S: Sequence>(_ bytes: S, seed: UInt64 = offset) -> UInt64 where S.Element == UInt8 {
    var h = seed
    for b in bytes {
      h ^= UInt64(b)
      h = h &* prime
    }
    return h
  }

  /// The bucket (0...9) of a record ID in the development split: 0...6 train, 7...9 validation.
  public static func splitBucket(_ id: String) -> Int { Int(hash(id.utf8) % 10) }
}

enum TextFeatures {
  /// Cues of a sentence that says what the work is (folded to lower case, ASCII).
  static let aimCues: [[UInt8]] = [
    "we develop", "we will", "we propose", "we present", "we introduce", "we design", "we build",
    "we demonstrate", "we show", "we report", "we investigate", "we study", "we aim", "we focus",
    "we derive", "we construct", "we implement", "we fabricate", "we train", "we use", "we apply",
    "here we", "in this paper", "in this work", "this paper", "this work", "this project",
    "the project will", "the project aims", "project will", "our goal", "our aim", "our approach",
    "the aim of", "aims to", "will develop", "will design", "will build", "will demonstrate",
    "objective", "goal of", "will be developed", "is developed", "are developed", "we developed",
    "wij ontwikkelen", "we ontwikkelen", "dit project", "we gaan", "wij gaan", "ons doel",
    "het doel", "doel van", "we bouwen", "wij bouwen", "we onderzoeken", "wij onderzoeken",
    "we maken", "wij maken", "we testen", "ontwikkelt", "in dit voorstel", "dit onderzoek",
  ].map { Array($0.utf8) }

  /// Cues of background and motivation.
  static let backgroundCues: [[UInt8]] = [
    "europe ", "european union", "in recent years", "has become", "have become", "increasingly",
    "is a key", "are a key", "depends on", "dependence on", "there is a need", "is needed",
    "remains a challenge", "major challenge", "grand challenge", "is essential", "plays a",
    "growing demand", "currently", "today,", "however,", "traditionally", "the climate",
    "green deal", "is one of the", "are one of the", "has been", "have been widely",
    "de afgelopen", "steeds meer", "steeds vaker", "in nederland", "is een belangrijk",
    "vormt een", "nederland is", "europa ", "tegenwoordig", "er is behoefte",
  ].map { Array($0.utf8) }

  /// Cues of impact, dissemination and exploitation.
  static let impactCues: [[UInt8]] = [
    "impact", "dissemination", "disseminate", "exploitation", "stakeholder", "policy makers",
    "policymakers", "outreach", "communication", "will contribute", "contribute to", "societal",
    "training of", "workshops", "open access", "end users", "end-users", "uptake", "market",
    "business plan", "capacity building", "networking", "best practices", "awareness",
    "maatschappelijk", "kennisbenutting", "kennisdeling", "verspreiding", "beleidsmakers",
    "belanghebbenden", "bijdragen aan", "draagt bij", "workshop", "communicatie",
  ].map { Array($0.utf8) }

  static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b | 0x20 : b }

  static func isWordByte(_ b: UInt8) -> Bool {
    (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b >= 0x80
  }

  /// Where the title ends: the byte offset of the first line break when the first line is a
  /// title (a line break within 400 bytes, the line not ending in '.'), else nil.
  static func titleEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let n = bytes.count
    var i = 0
    while i < min(n, 400) {
      if bytes[i] == 10 { break }
      i += 1
    }
    guard i < min(n, 400), i > 0 else { return nil }
    var last = i - 1
    while last > 0 && (bytes[last] == 32 || bytes[last] == 13) { last -= 1 }
    return bytes[last] != 46 ? i : nil  // a first line ending in '.' is a sentence, not a title
  }

  /// Whether byte `i` ends a sentence: a line break, or '.', '!' or '?' before a space or a line
  /// break, except a '.' after a single letter or digit (an abbreviation or a number); or one of
  /// them right before a capital letter after two lower-case letters or a ')': a sentence glued
  /// to the next, as grant databases join paragraphs ("…of the Union.The project will…"; 120 of
  /// the 300 CORDIS development objectives have one, and without it the whole objective was one
  /// sentence with one role). "i.e.The" and "U.S.The" stay one sentence.
  @inline(__always) static func endsSentence(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    let b = bytes[i]
    if b == 10 { return true }
    guard (b == 46 || b == 33 || b == 63) && i + 1 < bytes.count else { return false }
    let next = bytes[i + 1]
    if next == 32 || next == 10 {
      return !(b == 46 && i >= 2 && !isWordByte(bytes[i - 2]) && isWordByte(bytes[i - 1]))
    }
    guard next >= 65 && next <= 90 && i >= 2 else { return false }
    let before = bytes[i - 1]
    return before == 41 || (isLowerASCII(before) && isLowerASCII(bytes[i - 2]))
  }

  @inline(__always) static func isLowerASCII(_ b: UInt8) -> Bool { b >= 97 && b <= 122 }

  /// Splits a text into a title (the first line, when the text has several lines and the first
  /// is short and not a sentence) and sentences, each with its role. The scorer does not split
  /// whole texts: it finds the sentences it needs with ``sentence(at:_:titleEnd:)``, which the
  /// tests hold equal to this split.
  static func sentences(_ text: String, into out: inout [Sentence]) {
    out.removeAll(keepingCapacity: true)
    var text = text
    text.withUTF8 { bytes in
      let n = bytes.count
      guard n > 0 else { return }
      var start = 0
      if let t = titleEnd(bytes) {
        out.append(Sentence(start: 0, end: t, role: .title))
        start = t + 1
      }
      var i = start
      while i < n {
        let boundary = endsSentence(bytes, i)
        if boundary || i == n - 1 {
          let end = boundary ? i + 1 : n
          if end > start { out.append(Sentence(start: start, end: end, role: role(bytes, start, end))) }
          start = end
        }
        i += 1
      }
    }
  }

  /// The sentence holding byte `offset`, found from its neighbourhood alone: the same sentence
  /// ``sentences(_:into:)`` gives, without splitting the whole text. Nil for the line break after
  /// a title and for offsets outside the text.
  static func sentence(at offset: Int, _ bytes: UnsafeBufferPointer<UInt8>, titleEnd: Int?) -> (start: Int, end: Int)? {
    let n = bytes.count
    guard offset >= 0, offset < n else { return nil }
    var base = 0
    if let t = titleEnd {
      if offset < t { return (0, t) }
      if offset == t { return nil }
      base = t + 1
    }
    var start = offset
    while start > base && !endsSentence(bytes, start - 1) { start -= 1 }
    var end = offset
    while end < n - 1 && !endsSentence(bytes, end) { end += 1 }
    return (start, end + 1)
  }

  /// The role of the sentence holding byte `offset`. `found` keeps the sentences of this text
  /// looked at so far (cleared by the caller per text), so each sentence is read once: only the
  /// sentences that hold a counted term are ever found, not every sentence of the text.
  static func role(
    at offset: Int, _ bytes: UnsafeBufferPointer<UInt8>, titleEnd: Int?, found: inout [Sentence]
  ) -> SentenceRole {
    for s in found where s.start <= offset && offset < s.end { return s.role }
    guard let (start, end) = sentence(at: offset, bytes, titleEnd: titleEnd) else { return .body }
    let r: SentenceRole = titleEnd != nil && start == 0 ? .title : role(bytes, start, end)
    found.append(Sentence(start: start, end: end, role: r))
    return r
  }

  /// Every cue of the three lists in one flat table, reached by its first four bytes: a word
  /// start is looked up once in a small hash table and compared only with the cues that begin
  /// with the same four bytes. (Grouping cues by their first letter alone compared every "we"
  /// and "de" of a text with a dozen cues; that was most of the time of finding roles.)
  struct CueTable: Sendable {
    var bytes: [UInt8] = []
    /// Per cue: offset into `bytes`, length, role; cues with the same first four bytes are
    /// adjacent.
    var cues: [(offset: Int, length: Int, role: SentenceRole)] = []
    /// Open addressing by ``slot(_:)``: the four-byte key (0 for an empty slot) and the range
    /// of its cues.
    var keys: [UInt32]
    var ranges: [(start: Int, end: Int)]
    static let slots = 512

    /// The first four bytes of a cue or of a text at a word start, with every ASCII letter
    /// folded to lower case (and a few other bytes moved, so a match is checked byte by byte).
    @inline(__always) static func key(_ p: UnsafeRawPointer) -> UInt32 {
      p.loadUnaligned(as: UInt32.self) | 0x2020_2020
    }

    @inline(__always) static func slot(_ key: UInt32) -> Int {
      Int(truncatingIfNeeded: (key &* 0x9E37_79B1) >> 23)
    }

    init(_ lists: [([[UInt8]], SentenceRole)]) {
      var all: [([UInt8], SentenceRole, UInt32)] = []
      for (list, role) in lists {
        for cue in list {
          precondition(cue.count >= 4, "a sentence cue needs four bytes")
          all.append((cue, role, cue.withUnsafeBytes { Self.key($0.baseAddress!) }))
        }
      }
      all.sort { $0.2 != $1.2 ? $0.2 < $1.2 : $0.1.rawValue < $1.1.rawValue }
      keys = Array(repeating: 0, count: Self.slots)
      ranges = Array(repeating: (0, 0), count: Self.slots)
      var k = 0
      while k < all.count {
        var end = k
        while end < all.count && all[end].2 == all[k].2 { end += 1 }
        var s = Self.slot(all[k].2)
        while keys[s] != 0 { s = (s + 1) & (Self.slots - 1) }
        keys[s] = all[k].2
        ranges[s] = (cues.count, cues.count + end - k)
        for (cue, role, _) in all[k..<end] {
          cues.append((bytes.count, cue.count, role))
          bytes += cue
        }
        k = end
      }
    }
  }

  static let cueTable = CueTable([(aimCues, .aim), (impactCues, .impact), (backgroundCues, .background)])

  /// The role of one sentence: aim over impact over background; `body` when no cue is found.
  static func role(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> SentenceRole {
    let table = cueTable
    var found = SentenceRole.body
    guard end - start >= 4, let base = bytes.baseAddress else { return found }
    table.bytes.withUnsafeBufferPointer { cueBytes in
      table.keys.withUnsafeBufferPointer { keys in
        var i = start
        while i + 4 <= end {
          if i == start || !isWordByte(bytes[i - 1]) {
            let key = CueTable.key(UnsafeRawPointer(base + i))
            var s = CueTable.slot(key)
            while keys[s] != 0 && keys[s] != key { s = (s + 1) & (CueTable.slots - 1) }
            if keys[s] == key {
              let range = table.ranges[s]
              for c in range.start..<range.end {
                let cue = table.cues[c]
                guard cue.role.rank < found.rank && i + cue.length <= end else { continue }
                var k = 0
                while k < cue.length && lower(bytes[i + k]) == cueBytes[cue.offset + k] { k += 1 }
                if k == cue.length {
                  found = cue.role
                  if found == .aim { return }
                }
              }
            }
          }
          i += 1
        }
      }
    }
    return found
  }

  /// The index of the sentence holding byte `offset` (sentences sorted by start), if any.
  static func sentenceIndex(at offset: Int, _ sentences: [Sentence]) -> Int? {
    var lo = 0
    var hi = sentences.count - 1
    while lo <= hi {
      let mid = (lo + hi) / 2
      if sentences[mid].end <= offset {
        lo = mid + 1
      } else if sentences[mid].start > offset {
        hi = mid - 1
      } else {
        return mid
      }
    }
    return nil
  }

  /// The role of the sentence holding byte `offset` (sentences sorted by start).
  static func role(at offset: Int, _ sentences: [Sentence]) -> SentenceRole {
    sentenceIndex(at: offset, sentences).map { sentences[$0].role } ?? .body
  }


  static let bigramSeed: UInt64 = 0x9e37_79b9_7f4a_7c15
  static let metadataSeed: UInt64 = 0xc2b2_ae3d_27d4_eb4f

  /// The bucket of a hash in a table of `1 << bits` buckets.
  @inline(__always) static func bucket(_ h: UInt64, bits: Int) -> Int32 {
    Int32(truncatingIfNeeded: (h ^ (h >> 29)) & ((1 << UInt64(bits)) - 1))
  }

  /// How the context words are hashed: the word scan is the same, the hash of a word differs.
  /// A calibrated release records it as its format (``CalibrationModel/format``), since its
  /// weights are kept by bucket.
  public enum WordHash: Sendable {
    /// Format 1: FNV-1a over the word's bytes, one multiplication a byte.
    case fnv1a
    /// Format 2: eight bytes a step (see ``contextBuckets(_:bits:into:seen:words:long:hash:bigrams:)``).
    case chunked

    /// The hash of a calibration format; nil for a format this tool does not know.
    public init?(format: Int) {
      switch format {
      case 1: self = .fnv1a
      case 2: self = .chunked
      default: return nil
      }
    }

    /// The format `calibrate` writes.
    public static let current = WordHash.chunked
    public var format: Int { self == .fnv1a ? 1 : 2 }
  }

  /// The hashed word unigrams and bigrams of a text (folded to lower case; words of two or more
  /// bytes that are not all digits), each bucket once, in order of first occurrence. With
  /// `words`, also every bucket's first word or pair as text, for `explain`.
  /// With `long`, every word and pair also gets a second bucket of its own for long descriptions.
  /// A table of its own for one text (`explain`); the scorer passes a worker's table instead.
  static func contextBuckets(
    _ text: String, bits: Int, into out: inout [Int32], words: UnsafeMutablePointer<[Int32: String]>? = nil,
    long: Bool = false, hash: WordHash = .current, bigrams: Bool = true
  ) {
    var seen: [UInt64] = []
    contextBuckets(text, bits: bits, into: &out, seen: &seen, words: words, long: long, hash: hash, bigrams: bigrams)
  }

  /// ``contextBuckets(_:bits:into:words:long:hash:bigrams:)`` with a worker's own bit table, all zero,
  /// of `1 << bits` bits (made when empty), left all zero.
  ///
  /// A worker's own: taken from a pool shared by the workers for each text, the table went from
  /// one core to the other and its lines missed both cores' caches (half of this function's
  /// time, measured).
  ///
  /// The words are read eight bytes a step: per step, which bytes are word bytes, which are
  /// digits and which are capitals are found for all eight at once with byte-wise arithmetic
  /// (``WordBytes``), so a word ends at the first non-word byte of its step. A format 2 hash then
  /// takes the word's bytes of a step in one multiplication; byte by byte, FNV-1a's chain of one
  /// multiplication a byte was most of the scorer's extra time (16% of a calibrated `batch`,
  /// perf), and a byte-wise test of each byte's kind cost as much again.
  static func contextBuckets(
    _ text: String, bits: Int, into out: inout [Int32], seen: inout [UInt64],
    words: UnsafeMutablePointer<[Int32: String]>? = nil, long: Bool = false, hash: WordHash = .current,
    bigrams: Bool = true
  ) {
    out.removeAll(keepingCapacity: true)
    let tableWords = max(1, (1 << bits) >> 6)
    if seen.count != tableWords { seen = Array(repeating: 0, count: tableWords) }
    let chunked = hash == .chunked
    // Each bucket once, in order of first occurrence, marked in a bit table as it is found: a
    // second pass that removed the repeats after the scan took as long as the scan itself.
    seen.withUnsafeMutableBufferPointer { seen in
      @inline(__always) func add(_ b: Int32) -> Bool {
        let mask: UInt64 = 1 << UInt64(b & 63)
        let w = Int(b) >> 6
        guard seen[w] & mask == 0 else { return false }
        seen[w] |= mask
        out.append(b)
        return true
      }
      var text = text
      text.withUTF8 { bytes in
        guard let base = bytes.baseAddress else { return }
        let n = bytes.count
        var i = 0
        var previous: UInt64 = 0
        var previousRange = 0..<0
        var havePrevious = false
        while i < n {
          while i < n && !isWordByte(base[i]) {
            // A sentence end breaks bigrams.
            let b = base[i]
            if b == 46 || b == 10 || b == 33 || b == 63 { havePrevious = false }
            i += 1
          }
          guard i < n else { break }
          let start = i
          var h = chunked ? WordBytes.seed : FNV1a.offset
          var digitsOnly = true
          while true {
            let step = WordBytes(base, i, n)
            let k = step.wordLength
            guard k > 0 else { break }
            let kept = step.keep(k)
            if digitsOnly && step.digits & kept != step.word & kept { digitsOnly = false }
            let chunk = step.lowered & kept
            if chunked {
              h = WordBytes.mix(h, chunk)
            } else {
              for j in 0..<k {
                h ^= (chunk >> UInt64(8 * j)) & 0xFF
                h = h &* FNV1a.prime
              }
            }
            i += k
            if k < 8 { break }
          }
          if chunked { h = WordBytes.finish(h, length: i - start) }
          guard i - start >= 2, !digitsOnly else {
            havePrevious = false
            continue
          }
          let b1 = bucket(h, bits: bits)
          if add(b1), let words, words.pointee[b1] == nil {
            words.pointee[b1] = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self).lowercased()
          }
          if bigrams && havePrevious {
            let pair = (previous &* bigramSeed) ^ (h &+ 0x51_7cc1_b727_220a)
            let b2 = bucket(pair &* FNV1a.prime, bits: bits)
            if add(b2), let words, words.pointee[b2] == nil {
              words.pointee[b2] = String(
                decoding: UnsafeBufferPointer(rebasing: bytes[previousRange.lowerBound..<i]), as: UTF8.self
              ).lowercased()
            }
          }
          previous = h
          previousRange = start..<i
          havePrevious = true
        }
      }
      // The twins of the distinct buckets in order: the same as the twins of every occurrence.
      if long {
        let n = out.count
        for k in 0..<n {
          let b = longBucket(out[k], bits: bits)
          if add(b), let words, words.pointee[b] == nil, let w = words.pointee[out[k]] {
            words.pointee[b] = w + " (long)"
          }
        }
      }
      for b in out { seen[Int(b) >> 6] = 0 }
    }
  }

  /// The long-description twin of a bucket.
  @inline(__always) static func longBucket(_ b: Int32, bits: Int) -> Int32 {
    bucket((UInt64(UInt32(bitPattern: b)) &+ 0x2545_f491_4f6c_dd1d) &* 0xff51_afd7_ed55_8ccd, bits: bits)
  }

  /// The bucket of a `column=value` metadata feature.
  static func metadataBucket(column: String, value: String, bits: Int) -> Int32 {
    var h = FNV1a.hash(column.utf8, seed: metadataSeed)
    h = FNV1a.hash([61], seed: h)
    h = FNV1a.hash(value.utf8, seed: h)
    return bucket(h, bits: bits)
  }

  /// The metadata features of a record: `column=value` for each value (lists split on `;`, `,`
  /// and `|`), and for codes with dashes (`HORIZON-CL4-2022-DIGITAL-01`) their leading parts.
  static func metadataFeatures(_ columns: [(String, String)]) -> [(String, String)] {
    var out: [(String, String)] = []
    for (column, raw) in columns {
      for item in raw.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == "|" }) {
        let value = item.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { continue }
        out.append((column, value))
        let parts = value.split(separator: "-")
        if parts.count > 2 {
          for k in 2..<parts.count { out.append((column, parts[0..<k].joined(separator: "-") + "-*")) }
        }
      }
    }
    return out
  }
}
