import FuzzSupport

runFuzzer(csvReaderTestOneInput)
