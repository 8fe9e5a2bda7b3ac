import FuzzSupport

runFuzzer(yamlReaderTestOneInput)
