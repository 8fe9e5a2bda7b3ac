import XCTest

@testable import DualScope

/// The screening's memo table: what it keeps it finds again, through growth, colliding hashes and
/// the emptying at its limit, and it makes a value only for a key it does not hold.
final class MemoTableTests: XCTestCase {
  /// A key whose hash is given, so keys can be made to collide.
  struct Key: MemoKey {
    let n: Int
    let mixed: UInt64
  }

  /// Every key kept is found with its value, and no key that was not kept is found, as the table
  /// grows from its first 64 slots; with a few hashes for many keys, every probe runs through
  /// others' slots.
  func testKeysAreFoundThroughGrowthAndCollisions() {
    for hashes in [UInt64.max, 7] {
      var table = MemoTable<Key, String>(limit: 10_000)
      let keys = (0..<3_000).map { Key(n: $0, mixed: hashes == .max ? KeyMix(UInt64($0)).value : UInt64($0) % hashes) }
      for key in keys where key.n % 2 == 0 { table.keep("v\(key.n)", for: key) }
      XCTAssertEqual(table.count, 1_500)
      for key in keys {
        XCTAssertEqual(table.find(key), key.n % 2 == 0 ? "v\(key.n)" : nil, "key \(key.n), \(hashes) hashes")
      }
      // A key kept again takes the new value and adds no entry.
      table.keep("again", for: keys[10])
      XCTAssertEqual(table.find(keys[10]), "again")
      XCTAssertEqual(table.count, 1_500)
    }
  }

  /// `memo` makes a value the first time only, and the value made is the one found afterwards.
  func testMemoMakesEachValueOnce() {
    var table = MemoTable<Key, Int>(limit: 100)
    var made = 0
    for round in 0..<3 {
      for n in 0..<50 {
        let value = table.memo(Key(n: n, mixed: UInt64(n % 5))) {
          made += 1
          return n * 10 + round
        }
        XCTAssertEqual(value, n * 10, "key \(n), round \(round)")
      }
    }
    XCTAssertEqual(made, 50)
  }

  /// At its limit the table is emptied before a new key goes in: memory stays bounded, and what
  /// was kept before is made again when asked for.
  func testTheTableIsEmptiedAtItsLimit() {
    var table = MemoTable<Key, Int>(limit: 40)
    for n in 0..<40 { table.keep(n, for: Key(n: n, mixed: KeyMix(UInt64(n)).value)) }
    XCTAssertEqual(table.count, 40)
    table.keep(40, for: Key(n: 40, mixed: KeyMix(UInt64(40)).value))
    XCTAssertEqual(table.count, 1)
    XCTAssertEqual(table.find(Key(n: 40, mixed: KeyMix(UInt64(40)).value)), 40)
    XCTAssertNil(table.find(Key(n: 3, mixed: KeyMix(UInt64(3)).value)))
    var made = 0
    XCTAssertEqual(table.memo(Key(n: 3, mixed: KeyMix(UInt64(3)).value)) { made += 1; return 33 }, 33)
    XCTAssertEqual(made, 1)
    table.removeAll()
    XCTAssertEqual(table.count, 0)
    XCTAssertNil(table.find(Key(n: 40, mixed: KeyMix(UInt64(40)).value)))
  }

  /// Keys equal in their hash but not in their numbers are two entries (the table compares the
  /// keys, not only their hashes).
  func testEqualHashesAreNotEqualKeys() {
    var table = MemoTable<Key, String>(limit: 10)
    table.keep("a", for: Key(n: 1, mixed: 99))
    table.keep("b", for: Key(n: 2, mixed: 99))
    XCTAssertEqual(table.find(Key(n: 1, mixed: 99)), "a")
    XCTAssertEqual(table.find(Key(n: 2, mixed: 99)), "b")
    XCTAssertNil(table.find(Key(n: 3, mixed: 99)))
  }
}
