print("GateBench: not written yet")
