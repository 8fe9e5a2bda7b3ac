/// A key of a screening memo table that works out its own hash (``KeyMix``) from its numbers.
protocol MemoKey: Equatable {
  /// The key's numbers mixed into one word; equal keys give equal words.
  var mixed: UInt64 { get }
}

/// A portfolio worker's memo table of screening lines and reasons (``ScreeningScratch``): the keys
/// and values in two lists in the order they came, and open addressing over the keys' own hashes
/// (``MemoKey/mixed``) into them. A slot holds an entry's number and hash, both plain numbers, so
/// a probe compares keys only where the hashes are equal, and growing moves no key or value. It
/// holds at most `limit` entries and is emptied, keeping its room, when a new one would pass that.
///
/// Dictionaries keyed by the same keys fed each key's one word through SipHash (seeding and
/// finalising it) on every lookup and moved every entry when they grew: their lookups and
/// inserts were a tenth of what screening added to a record (callgrind, 100,000 records, one
/// thread). Slots of optional keys and values, tried first, cost more than that in growing, each
/// old slot destroyed through the runtime's generic witness.
struct MemoTable<Key: MemoKey, Value> {
  /// Per slot: its entry's number plus one, or 0 for an empty slot.
  private var slots: [Int32] = Array(repeating: 0, count: 64)
  /// Per slot: its entry's hash with the lowest bit set.
  private var tags: [UInt64] = Array(repeating: 0, count: 64)
  private var keys: [Key] = []
  private var values: [Value] = []
  let limit: Int

  init(limit: Int) {
    precondition(limit < Int(Int32.max))
    self.limit = limit
  }

  var count: Int { keys.count }

  /// The value kept for `key`, if any.
  @inline(__always) func find(_ key: Key) -> Value? {
    let entry = probe(key, key.mixed).entry
    return entry >= 0 ? values[entry] : nil
  }

  /// The value kept for `key`, made by `make` and kept the first time. `make` must not use this
  /// table.
  @inline(__always) mutating func memo(_ key: Key, _ make: () -> Value) -> Value {
    let mixed = key.mixed
    let (slot, entry) = probe(key, mixed)
    if entry >= 0 { return values[entry] }
    let made = make()
    insert(key, mixed, made, at: slot)
    return made
  }

  /// Keeps `value` for `key`, in place of a value kept before.
  mutating func keep(_ value: Value, for key: Key) {
    let mixed = key.mixed
    let (slot, entry) = probe(key, mixed)
    if entry >= 0 {
      values[entry] = value
    } else {
      insert(key, mixed, value, at: slot)
    }
  }

  /// Empties the table, keeping its room.
  mutating func removeAll() {
    guard !keys.isEmpty else { return }
    for i in slots.indices { slots[i] = 0 }
    keys.removeAll(keepingCapacity: true)
    values.removeAll(keepingCapacity: true)
  }

  /// Puts a key the table does not hold into `slot`, the empty slot its probe ended on; emptied
  /// at the limit and grown past three quarters full, the table probes for a new slot.
  private mutating func insert(_ key: Key, _ mixed: UInt64, _ value: Value, at slot: Int) {
    var slot = slot
    if keys.count >= limit {
      removeAll()
      slot = probe(key, mixed).slot
    } else if 4 * (keys.count + 1) > 3 * slots.count {
      grow()
      slot = probe(key, mixed).slot
    }
    keys.append(key)
    values.append(value)
    slots[slot] = Int32(keys.count)
    tags[slot] = mixed | 1
  }

  /// The slot holding `key` and its entry's number, or the empty slot where it would go and -1.
  @inline(__always) private func probe(_ key: Key, _ mixed: UInt64) -> (slot: Int, entry: Int) {
    let tag = mixed | 1
    let mask = slots.count - 1
    var i = Int(truncatingIfNeeded: mixed >> 7) & mask
    while true {
      let s = Int(slots[i])
      if s == 0 { return (i, -1) }
      if tags[i] == tag && keys[s - 1] == key { return (i, s - 1) }
      i = (i + 1) & mask
    }
  }

  /// Twice the slots, each entry put back by its hash.
  private mutating func grow() {
    let old = (slots, tags)
    let size = 2 * slots.count
    slots = Array(repeating: 0, count: size)
    tags = Array(repeating: 0, count: size)
    for i in old.0.indices where old.0[i] != 0 {
      var free = Int(truncatingIfNeeded: old.1[i] >> 7) & (size - 1)
      while slots[free] != 0 { free = (free + 1) & (size - 1) }
      slots[free] = old.0[i]
      tags[free] = old.1[i]
    }
  }
}
