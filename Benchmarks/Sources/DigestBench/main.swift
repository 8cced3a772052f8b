print("DigestBench: not written yet")
