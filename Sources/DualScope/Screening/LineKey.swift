/// What a record's screening line is made of, as numbers (``ScreeningFacts/lineKey``), with its
/// hash worked out once: the key of the whole lines a worker keeps
/// (``ScreeningScratch/line(_:make:)``). `[Int]` as a key fed every number through the
/// dictionary's SipHash on every lookup; here the numbers are mixed with a multiply and a shift
/// each, and the table (``MemoTable``) probes by the result.
struct LineKey: MemoKey {
  let numbers: [Int]
  let mixed: UInt64

  init(_ numbers: [Int]) {
    var h = KeyMix()
    h.add(numbers.count)
    for n in numbers { h.add(n) }
    self.numbers = numbers
    mixed = h.value
  }

  static func == (a: LineKey, b: LineKey) -> Bool { a.mixed == b.mixed && a.numbers == b.numbers }
}
