print("ScanBench: not written yet")
