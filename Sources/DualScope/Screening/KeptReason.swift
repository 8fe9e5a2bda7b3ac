/// A triage reason a portfolio worker has written once, with its serial number and its JSON (as
/// ``JSONLinesResultWriter`` writes a reason): a new screening line is written from the bytes of
/// its reasons, not from their strings again. Kept by
/// ``ScreeningScratch/reason(_:make:)``; nil `reason` for a measure whose level gives none.
final class KeptReason {
  let serial: Int
  let reason: ScreeningResult.TriageReason?
  let json: [UInt8]

  init(serial: Int, reason: ScreeningResult.TriageReason?) {
    self.serial = serial
    self.reason = reason
    json = reason.map { r in JSONLinesResultWriter.bytes { JSONLinesResultWriter.encode(r, into: &$0) } } ?? []
  }
}
