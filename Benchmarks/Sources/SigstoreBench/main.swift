print("SigstoreBench: not written yet")
