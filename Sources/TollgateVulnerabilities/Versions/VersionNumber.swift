/// A decimal digit run compared by value without overflow.
///
/// Version components in the wild exceed 64 bits (`999999999999999999999999999991`), so they are kept as
/// their digits with leading zeros stripped and compared by length, then lexically.
struct VersionNumber: Comparable, Hashable, Sendable {
    /// The digits, without leading zeros ("" for zero).
    let digits: [UInt8]

    init<S: Collection>(digits raw: S) where S.Element == UInt8 {
        var slice = raw[...]
        while let first = slice.first, first == UInt8(ascii: "0") { slice = slice.dropFirst() }
        digits = Array(slice)
    }

    init(_ string: Substring) { self.init(digits: Array(string.utf8)) }

    static let zero = VersionNumber(digits: [UInt8]())

    var isZero: Bool { digits.isEmpty }

    static func compare(_ a: VersionNumber, _ b: VersionNumber) -> Int {
        if a.digits.count != b.digits.count { return a.digits.count < b.digits.count ? -1 : 1 }
        return compareBytes(a.digits, b.digits)
    }

    static func < (a: VersionNumber, b: VersionNumber) -> Bool { compare(a, b) < 0 }
}

/// Byte-wise lexical comparison (C `strcmp` order), independent of Unicode collation.
func compareBytes<A: Collection, B: Collection>(_ a: A, _ b: B) -> Int
where A.Element == UInt8, B.Element == UInt8 {
    var ia = a.makeIterator()
    var ib = b.makeIterator()
    while true {
        switch (ia.next(), ib.next()) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case let (x?, y?): if x != y { return x < y ? -1 : 1 }
        }
    }
}

func compareInts(_ a: Int, _ b: Int) -> Int { a == b ? 0 : (a < b ? -1 : 1) }

extension UInt8 {
    var isASCIIDigit: Bool { self >= 48 && self <= 57 }
    var isASCIILetter: Bool { (self >= 65 && self <= 90) || (self >= 97 && self <= 122) }
    var lowercasedASCII: UInt8 { (self >= 65 && self <= 90) ? self + 32 : self }
}
