// Generated test inputs use the library's seeded generator; test targets that do not import the
// library itself get it from here.
@_exported import struct DualScope.SeededGenerator
