import FuzzSupport

runFuzzer(taxonomyLoaderTestOneInput)
