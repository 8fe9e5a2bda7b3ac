import FuzzSupport

runFuzzer(matcherTestOneInput)
