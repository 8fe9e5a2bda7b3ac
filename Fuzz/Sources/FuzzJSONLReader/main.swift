import FuzzSupport

runFuzzer(jsonlReaderTestOneInput)
