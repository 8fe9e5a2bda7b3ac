import FuzzSupport

runFuzzer(diffTestOneInput)
