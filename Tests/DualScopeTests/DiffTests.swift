import XCTest

@testable import DualScope

/// The semantic diff on two fixture releases that differ in every kind of way.
final class DiffTests: XCTestCase {
  let old = DiffFixtures.old
  let new = DiffFixtures.new
  lazy var diff = TaxonomyDiff(from: old, to: new)

  func testDiffOfAReleaseWithItselfIsEmpty() {
    for t in [old, new] {
      let d = TaxonomyDiff(from: t, to: t)
      XCTAssertTrue(d.isEmpty, "\(d)")
      XCTAssertEqual(d.nodes, [])
      XCTAssertEqual(d.lineage, [])
    }
  }

  func testDiffIsAntisymmetric() {
    let back = TaxonomyDiff(from: new, to: old)
    XCTAssertEqual(diff.reversed, back)
    XCTAssertEqual(back.reversed, diff)
    XCTAssertEqual(diff.reversed.reversed, diff)
  }

  func testAddedAndRemovedFields() {
    XCTAssertEqual(diff.nodes(.field, .added).map(\.currentID), ["chips.packaging"])
    XCTAssertEqual(diff.nodes(.field, .removed).map(\.currentID), ["quantum.annealing"])
    XCTAssertEqual(diff.nodes(.area, .added), [])
    let back = TaxonomyDiff(from: new, to: old)
    XCTAssertEqual(back.nodes(.field, .added).map(\.currentID), ["quantum.annealing"])
    XCTAssertEqual(back.nodes(.field, .removed).map(\.currentID), ["chips.packaging"])
  }

  func testSplitFromLineage() {
    let splits = diff.events(.split)
    XCTAssertEqual(splits.count, 1)
    XCTAssertEqual(splits[0].from.map(\.id), ["quantum.sensing-and-communication"])
    XCTAssertEqual(splits[0].to.map(\.id), ["quantum.sensing", "quantum.communication"])
    XCTAssertEqual(splits[0].terms?.added.map(\.term), ["atomic clock"])
    XCTAssertEqual(splits[0].terms?.removed, [])
    // Neither side of a split is reported as added or removed.
    let ids = diff.nodes.map(\.currentID)
    XCTAssertFalse(ids.contains("quantum.sensing"))
    XCTAssertFalse(ids.contains("quantum.sensing-and-communication"))
    // Seen the other way, the split is a merge.
    let back = TaxonomyDiff(from: new, to: old)
    XCTAssertEqual(back.events(.merged).map { $0.to.map(\.id) }, [["quantum.sensing-and-communication"]])
  }

  func testMergeFromReplaces() {
    let merges = diff.events(.merged)
    XCTAssertEqual(merges.count, 1)
    XCTAssertEqual(merges[0].from.map(\.id), ["chips.etching", "chips.deposition"])
    XCTAssertEqual(merges[0].to.map(\.id), ["chips.fabrication"])
    XCTAssertNil(merges[0].terms)
    let back = TaxonomyDiff(from: new, to: old)
    XCTAssertEqual(back.events(.split).map { $0.to.map(\.id) }, [["chips.etching", "chips.deposition"]])
  }

  func testMovedWithTheSameIDByParent() throws {
    let d = try XCTUnwrap(diff.nodes.first { $0.currentID == "quantum.materials" })
    XCTAssertEqual(d.status, .changed)
    XCTAssertTrue(d.isMoved)
    XCTAssertNil(d.id)
    XCTAssertEqual(d.area, Change(old: "quantum", new: "chips"))
    XCTAssertEqual(d.parent, Change(old: "quantum", new: "chips"))
    XCTAssertFalse(d.hasContentChanges)
  }

  func testMovedWithANewIDByReplaces() throws {
    let d = try XCTUnwrap(diff.nodes.first { $0.currentID == "chips.photonics" })
    XCTAssertEqual(d.id, Change(old: "quantum.photonics", new: "chips.photonics"))
    XCTAssertTrue(d.isMoved)
    XCTAssertFalse(d.isReidentified)
    XCTAssertEqual(d.area, Change(old: "quantum", new: "chips"))
  }

  func testIDRenamedInTheSameArea() throws {
    let d = try XCTUnwrap(diff.nodes.first { $0.currentID == "chips.bonding" })
    XCTAssertEqual(d.id, Change(old: "chips.old-bonding", new: "chips.bonding"))
    XCTAssertTrue(d.isReidentified)
    XCTAssertFalse(d.isMoved)
    XCTAssertFalse(d.hasContentChanges)
  }

  func testFieldContentChanges() throws {
    let d = try XCTUnwrap(diff.nodes.first { $0.currentID == "quantum.computing" })
    XCTAssertEqual(d.name?.old.en, "Quantum computing")
    XCTAssertEqual(d.name?.new.en, "Quantum computers")
    XCTAssertTrue(d.isRenamed)
    XCTAssertEqual(d.sensitivity, Change(old: .medium, new: .high))
    XCTAssertEqual(d.dualUse, ListChange(added: ["4A004"], removed: []))
    XCTAssertEqual(d.crosswalk?.nts2024, ListChange(added: ["Kwantumtechnologie"], removed: []))
    XCTAssertNil(d.crosswalk?.eu2023_2113)
    let terms = try XCTUnwrap(d.terms)
    XCTAssertEqual(terms.added.map(\.term), ["quantum processor"])
    XCTAssertEqual(terms.removed.map(\.term), ["quantum computer"])
    // `Qubit` folds to `qubit`: the same term, spelled otherwise and weighed more.
    let qubit = try XCTUnwrap(terms.changed.first { $0.term == "Qubit" })
    XCTAssertEqual(qubit.weight, Change(old: 3, new: 4))
    XCTAssertEqual(qubit.spelling, Change(old: "qubit", new: "Qubit"))
    let quantum = try XCTUnwrap(terms.changed.first { $0.term == "quantum" })
    XCTAssertEqual(quantum.options, Change(old: ["weak"], new: []))
    XCTAssertNil(quantum.weight)
  }

  func testASecondMeaningIsATermOptionChange() throws {
    let a = DiffFixtures.taxonomy([
      "taxonomy.yaml": TaxonomyFixtures.manifest, "quantum.yaml": TaxonomyFixtures.quantum,
    ])
    let changed = TaxonomyFixtures.quantum.replacingOccurrences(
      of: "{term: qubit, weight: 3}", with: "{term: qubit, weight: 3, second_meaning: [qubit chess]}")
    let b = DiffFixtures.taxonomy(["taxonomy.yaml": TaxonomyFixtures.manifest, "quantum.yaml": changed])
    let d = TaxonomyDiff(from: a, to: b)
    let terms = try XCTUnwrap(d.nodes.first?.terms)
    let qubit = try XCTUnwrap(terms.changed.first { $0.term == "qubit" })
    XCTAssertEqual(qubit.options, Change(old: [], new: ["second meaning: qubit chess"]))
    XCTAssertNotEqual(a.contentHash, b.contentHash)
  }

  func testThresholdDescriptionAndExclusions() {
    let a = DiffFixtures.taxonomy([
      "taxonomy.yaml": TaxonomyFixtures.manifest, "quantum.yaml": TaxonomyFixtures.quantum,
    ])
    let changed = TaxonomyFixtures.quantum
      .replacingOccurrences(of: "    sensitivity: high\n    dual_use", with: "    sensitivity: high\n    threshold: 4\n    description: Building quantum computers.\n    exclude: [quantum chemistry]\n    dual_use")
    let b = DiffFixtures.taxonomy(["taxonomy.yaml": TaxonomyFixtures.manifest, "quantum.yaml": changed])
    let d = TaxonomyDiff(from: a, to: b)
    XCTAssertEqual(d.nodes.count, 1)
    XCTAssertEqual(d.nodes[0].threshold, Change(old: nil, new: 4))
    XCTAssertEqual(d.nodes[0].description, Change(old: "", new: "Building quantum computers."))
    XCTAssertEqual(d.nodes[0].exclusions, ListChange(added: ["quantum chemistry"], removed: []))
    XCTAssertEqual(d.reversed, TaxonomyDiff(from: b, to: a))
  }

  func testManifestChanges() {
    let m = diff.manifest
    XCTAssertEqual(m.version, Change(old: "1.0", new: "2.0"))
    XCTAssertEqual(m.sourcesAdded.map(\.id), ["nl-nts-2024"])
    XCTAssertEqual(m.sourcesRemoved, [])
    XCTAssertEqual(m.fieldThreshold, Change(old: 3, new: 2.5))
    XCTAssertNil(m.areaThreshold)
    XCTAssertNotNil(m.releaseNotes)
    XCTAssertEqual(m.reversed.sourcesRemoved.map(\.id), ["nl-nts-2024"])
  }

  func testOrderIsNewReleaseOrderThenRemovedInOldOrder() {
    XCTAssertEqual(
      diff.nodes.map(\.currentID),
      [
        "quantum.computing", "chips.bonding", "quantum.materials", "chips.photonics", "chips.packaging",
        "quantum.annealing",
      ])
    XCTAssertEqual(diff.lineage.map(\.kind), [.split, .merged])
  }

  func testSummaryCounts() {
    let s = DiffSummary(diff)
    XCTAssertEqual(s.fieldsAdded, 1)
    XCTAssertEqual(s.fieldsRemoved, 1)
    XCTAssertEqual(s.split, 1)
    XCTAssertEqual(s.merged, 1)
    XCTAssertEqual(s.moved, 2)
    XCTAssertEqual(s.reidentified, 1)
    XCTAssertEqual(s.renamed, 1)
    XCTAssertEqual(s.termsAdded, 1)
    XCTAssertEqual(s.termsRemoved, 1)
    XCTAssertEqual(s.weightsChanged, 1)
  }

  func testASplitWhoseOriginalKeepsItsID() {
    // The new release keeps quantum.computing and splits quantum.algorithms off it.
    let added = DiffFixtures.newQuantum + """

        - id: quantum.algorithms
          name: {en: Quantum algorithms, nl: Kwantumalgoritmen}
          split_from: quantum.computing
          terms:
            en: [{term: quantum algorithm, weight: 3}]
      """
    let a = DiffFixtures.new
    let b = DiffFixtures.taxonomy([
      "taxonomy.yaml": DiffFixtures.newManifest, "quantum.yaml": added, "chips.yaml": DiffFixtures.newChips,
    ])
    let d = TaxonomyDiff(from: a, to: b)
    XCTAssertEqual(d.events(.split).map { $0.to.map(\.id) }, [["quantum.computing", "quantum.algorithms"]])
    XCTAssertEqual(d.nodes, [])
    XCTAssertEqual(d.reversed, TaxonomyDiff(from: b, to: a))
    XCTAssertTrue(TaxonomyDiff(from: b, to: b).isEmpty)
  }

  func testJSONCarriesBothReleasesAndTheTool() throws {
    let json = try ResultJSON.encode(DiffDocument(diff))
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
    XCTAssertEqual(object["schema"] as? String, "dualscope.diff/1")
    XCTAssertEqual((object["old"] as? [String: Any])?["version"] as? String, "1.0")
    XCTAssertEqual(((object["new"] as? [String: Any])?["content_hash"] as? String)?.count, 64)
    XCTAssertEqual((object["tool"] as? [String: Any])?["version"] as? String, ToolVersion.current)
    XCTAssertEqual(object["identical"] as? Bool, false)
    let lineage = object["lineage"] as! [[String: Any]]
    XCTAssertEqual(lineage.map { $0["kind"] as? String }, ["split", "merged"])
  }
}
