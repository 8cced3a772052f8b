print("CryptoBench: not written yet")
