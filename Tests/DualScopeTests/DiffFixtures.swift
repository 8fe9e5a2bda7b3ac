@testable import DualScope

/// Two small releases that differ in every way a revision can: the old one (1.0) and the new one
/// (2.0), with lineage keys in the new one.
enum DiffFixtures {
  static let oldManifest = """
    schema_version: 1
    id: test-taxonomy
    version: "1.0"
    title: Test taxonomy
    released: 2024-01-01
    languages: [en, nl]
    sources:
      - id: eu-2023-2113
        title: Commission Recommendation (EU) 2023/2113
    areas:
      - quantum.yaml
      - chips.yaml
    release_notes: |
      First release.
    """

  static let newManifest = """
    schema_version: 1
    id: test-taxonomy
    version: "2.0"
    title: Test taxonomy
    released: 2025-01-01
    languages: [en, nl]
    defaults:
      field_threshold: 2.5
    sources:
      - id: eu-2023-2113
        title: Commission Recommendation (EU) 2023/2113
      - id: nl-nts-2024
        title: Nationale Technologiestrategie 2024
    areas:
      - quantum.yaml
      - chips.yaml
    release_notes: |
      Splits quantum sensing and communication; merges etching and deposition.
    """

  static let oldQuantum = """
    area:
      id: quantum
      name: {en: Quantum technologies, nl: Kwantumtechnologie}
      sensitivity: high
    fields:
      - id: quantum.computing
        name: {en: Quantum computing, nl: Kwantumcomputers}
        sensitivity: medium
        crosswalk: {eu_2023_2113: "3.1"}
        dual_use: [4A506]
        terms:
          en:
            - {term: qubit, weight: 3}
            - quantum computer
            - {term: quantum, weight: 0.5, weak: true}
          nl:
            - {term: kwantumcomputer, weight: 3}
      - id: quantum.sensing-and-communication
        name: {en: Quantum sensing and communication, nl: Kwantumsensoren en -communicatie}
        terms:
          en:
            - {term: quantum sensor, weight: 3}
            - {term: quantum key distribution, weight: 3}
      - id: quantum.annealing
        name: {en: Quantum annealing, nl: Kwantumannealing}
        terms:
          en: [{term: quantum annealer, weight: 3}]
      - id: quantum.materials
        name: {en: Quantum materials, nl: Kwantummaterialen}
        terms:
          en: [{term: topological insulator, weight: 3}]
      - id: quantum.photonics
        name: {en: Integrated photonics, nl: Geïntegreerde fotonica}
        terms:
          en: [{term: photonic integrated circuit, weight: 3}]
    """

  static let newQuantum = """
    area:
      id: quantum
      name: {en: Quantum technologies, nl: Kwantumtechnologie}
      sensitivity: high
    fields:
      - id: quantum.computing
        name: {en: Quantum computers, nl: Kwantumcomputers}
        sensitivity: high
        crosswalk: {eu_2023_2113: "3.1", nts_2024: [Kwantumtechnologie]}
        dual_use: [4A506, 4A004]
        terms:
          en:
            - {term: Qubit, weight: 4}
            - {term: quantum processor, weight: 3}
            - {term: quantum, weight: 0.5}
          nl:
            - {term: kwantumcomputer, weight: 3}
      - id: quantum.sensing
        name: {en: Quantum sensing, nl: Kwantumsensoren}
        split_from: quantum.sensing-and-communication
        terms:
          en:
            - {term: quantum sensor, weight: 3}
            - {term: atomic clock, weight: 2}
      - id: quantum.communication
        name: {en: Quantum communication, nl: Kwantumcommunicatie}
        split_from: quantum.sensing-and-communication
        terms:
          en:
            - {term: quantum key distribution, weight: 3}
    """

  static let oldChips = """
    area:
      id: chips
      name: {en: Semiconductors, nl: Halfgeleiders}
      sensitivity: high
    fields:
      - id: chips.lithography
        name: {en: Lithography, nl: Lithografie}
        terms:
          en: [{term: EUV lithography, weight: 3}]
      - id: chips.etching
        name: {en: Etching, nl: Etsen}
        terms:
          en: [{term: plasma etching, weight: 3}]
      - id: chips.deposition
        name: {en: Deposition, nl: Depositie}
        terms:
          en: [{term: atomic layer deposition, weight: 3}]
      - id: chips.old-bonding
        name: {en: Wafer bonding, nl: Waferbonding}
        terms:
          en: [{term: wafer bonding, weight: 3}]
    """

  static let newChips = """
    area:
      id: chips
      name: {en: Semiconductors, nl: Halfgeleiders}
      sensitivity: high
    fields:
      - id: chips.lithography
        name: {en: Lithography, nl: Lithografie}
        terms:
          en: [{term: EUV lithography, weight: 3}]
      - id: chips.fabrication
        name: {en: Front-end fabrication, nl: Front-end-fabricage}
        replaces: [chips.etching, chips.deposition]
        terms:
          en:
            - {term: plasma etching, weight: 3}
            - {term: atomic layer deposition, weight: 3}
      - id: chips.bonding
        name: {en: Wafer bonding, nl: Waferbonding}
        replaces: [chips.old-bonding]
        terms:
          en: [{term: wafer bonding, weight: 3}]
      - id: quantum.materials
        parent: chips
        name: {en: Quantum materials, nl: Kwantummaterialen}
        terms:
          en: [{term: topological insulator, weight: 3}]
      - id: chips.photonics
        name: {en: Integrated photonics, nl: Geïntegreerde fotonica}
        replaces: quantum.photonics
        terms:
          en: [{term: photonic integrated circuit, weight: 3}]
      - id: chips.packaging
        name: {en: Advanced packaging, nl: Geavanceerde verpakking}
        terms:
          en: [{term: chiplet, weight: 3}]
    """

  static func taxonomy(_ files: [String: String]) -> Taxonomy {
    let set = TaxonomyFileSet(
      origin: "test", displayPrefix: "T/", files: files.mapValues { Array(($0 + "\n").utf8) })
    do {
      let t = try TaxonomyLoader.load(set).taxonomy
      t._checkInvariants()
      return t
    } catch {
      fatalError("fixture does not load:\n\(error.description)")
    }
  }

  static var old: Taxonomy {
    taxonomy(["taxonomy.yaml": oldManifest, "quantum.yaml": oldQuantum, "chips.yaml": oldChips])
  }

  static var new: Taxonomy {
    taxonomy(["taxonomy.yaml": newManifest, "quantum.yaml": newQuantum, "chips.yaml": newChips])
  }
}
