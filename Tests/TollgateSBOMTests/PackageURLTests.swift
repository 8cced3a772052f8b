import Testing
import TollgateModel
import TollgateSBOM

/// Package URL parsing and canonical form (purl spec PURL-SPECIFICATION.rst, PURL-TYPES.rst;
/// cases follow the spec's test-suite-data.json, written from the spec, not copied).
@Suite("Package URL")
struct PackageURLTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let canonical: String
        var testDescription: String { input }
    }

    static let canonicalCases: [Case] = [
        Case(input: "pkg:npm/%40angular/animation@12.3.1", canonical: "pkg:npm/%40angular/animation@12.3.1"),
        Case(input: "pkg:npm/@angular/animation@12.3.1", canonical: "pkg:npm/%40angular/animation@12.3.1"),
        Case(input: "pkg:NPM/Foo@1.0.0", canonical: "pkg:npm/foo@1.0.0"),
        Case(input: "pkg:PyPI/Django_Rest.Framework@3.0", canonical: "pkg:pypi/django-rest-framework@3.0"),
        Case(input: "pkg:pypi/zope..interface__x@1", canonical: "pkg:pypi/zope-interface-x@1"),
        Case(input: "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?repository_url=repo.spring.io/release&classifier=sources",
             canonical: "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&repository_url=repo.spring.io/release"),
        Case(input: "pkg:GOLANG/google.golang.org/genproto@abcdedf#/googleapis/api/annotations/",
             canonical: "pkg:golang/google.golang.org/genproto@abcdedf#googleapis/api/annotations"),
        Case(input: "pkg:golang/github.com/Gorilla/mux@v1.8.0+incompatible",
             canonical: "pkg:golang/github.com/Gorilla/mux@v1.8.0%2Bincompatible"),
        Case(input: "pkg://deb/debian/curl@7.50.3-1?arch=i386&distro=jessie", canonical: "pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie"),
        Case(input: "pkg:deb/ubuntu/pcre3@2%3A8.39-12ubuntu0.1?distro=focal", canonical: "pkg:deb/ubuntu/pcre3@2:8.39-12ubuntu0.1?distro=focal"),
        Case(input: "pkg:rpm/FEDORA/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25", canonical: "pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25"),
        Case(input: "pkg:apk/Alpine/ZLIB@1.2.13-r0?distro=3.17", canonical: "pkg:apk/alpine/zlib@1.2.13-r0?distro=3.17"),
        Case(input: "pkg:gem/ruby-advisory-db-check@0.12.4", canonical: "pkg:gem/ruby-advisory-db-check@0.12.4"),
        Case(input: "pkg:cargo/Rand@0.7.2", canonical: "pkg:cargo/Rand@0.7.2"),
        Case(input: "pkg:nuget/EnterpriseLibrary.Common@6.0.1304", canonical: "pkg:nuget/EnterpriseLibrary.Common@6.0.1304"),
        Case(input: "pkg:composer/Laravel/Framework@7.12.0", canonical: "pkg:composer/laravel/framework@7.12.0"),
        Case(input: "pkg:github/Package-URL/purl-spec@244fd47e07d1004", canonical: "pkg:github/package-url/purl-spec@244fd47e07d1004"),
        Case(input: "pkg:swift/github.com/apple/swift-nio@2.65.0", canonical: "pkg:swift/github.com/apple/swift-nio@2.65.0"),
        Case(input: "pkg:generic/openssl@1.1.10g?download_url=https://openssl.org/source/openssl-1.1.0g.tar.gz&checksum=sha256:de4d501267da",
             canonical: "pkg:generic/openssl@1.1.10g?checksum=sha256:de4d501267da&download_url=https://openssl.org/source/openssl-1.1.0g.tar.gz"),
        Case(input: "pkg:npm/foo@1.0.0?empty=&Arch=x86", canonical: "pkg:npm/foo@1.0.0?arch=x86"),
        Case(input: "pkg:generic/name%20with%20space@1", canonical: "pkg:generic/name%20with%20space@1"),
        Case(input: "pkg:///maven/org.apache.commons/io", canonical: "pkg:maven/org.apache.commons/io"),
        Case(input: "pkg:docker/customer/dockerimage@sha256:244fd47e07d1004f0aed9c?repository_url=gcr.io",
             canonical: "pkg:docker/customer/dockerimage@sha256:244fd47e07d1004f0aed9c?repository_url=gcr.io"),
        Case(input: "pkg:maven/mygroup/myartifact@1.0.0%20Final?mykey=my%20value",
             canonical: "pkg:maven/mygroup/myartifact@1.0.0%20Final?mykey=my%20value"),
        Case(input: "pkg:bitbucket/birKenfeld/pyGments-main@244fd47e07d1014f0aed9c",
             canonical: "pkg:bitbucket/birkenfeld/pygments-main@244fd47e07d1014f0aed9c"),
        Case(input: "pkg:conan/bincrafters/cctz@2.3?channel=stable", canonical: "pkg:conan/bincrafters/cctz@2.3?channel=stable"),
        Case(input: "pkg:conda/absl-py@0.4.1?build=py36h06a4308_0&channel=main&subdir=linux-64&type=tar.bz2",
             canonical: "pkg:conda/absl-py@0.4.1?build=py36h06a4308_0&channel=main&subdir=linux-64&type=tar.bz2"),
        Case(input: "pkg:hackage/AC-HalfInteger@1.2.1", canonical: "pkg:hackage/AC-HalfInteger@1.2.1"),
    ]

    @Test("parses and prints the canonical form", arguments: canonicalCases)
    func canonical(testCase: Case) throws {
        let purl = try PackageURL(parsing: testCase.input)
        #expect(purl.description == testCase.canonical)
        // The canonical form parses back to the same value.
        #expect(try PackageURL(parsing: purl.description) == purl)
    }

    static let invalid: [String] = [
        "", "notapurl", "pkg:", "pkg:npm", "pkg:npm/", "pkg:/name", "pkg:1npm/foo", "pkg:n%pm/foo",
        "pkg:maven/only-name@1.0", "pkg:npm/foo@1?bad", "pkg:npm/foo@1?1key=v", "pkg:npm/foo@1?a=1&a=2",
        "pkg:npm/foo%zz@1", "pkg:npm/foo%C3%28@1", "http://npm/foo@1", "pkg:npm/foo\n@1",
        // From the purl spec's invalid cases: no scheme, no type, no name, bad qualifier key,
        // swift without namespace, conan namespace without channel (and the reverse).
        "EnterpriseLibrary.Common@6.0.1304", "pkg:EnterpriseLibrary.Common@6.0.1304", "pkg:maven/@1.3.4",
        "pkg:cran/@0.9.1", "pkg:npm/myartifact@1.0.0?in%20production=true", "pkg:hackage",
        "pkg:swift/Alamofire@5.4.3", "pkg:swift/github.com/Alamofire/@5.4.3",
        "pkg:conan/bincrafters/cctz@2.3", "pkg:conan/cctz@2.3?channel=stable",
    ]

    @Test("rejects malformed purls with model.invalid-purl", arguments: invalid)
    func rejects(input: String) {
        #expect(throws: ModelError.self) { try PackageURL(parsing: input) }
    }

    @Test("splits components")
    func components() throws {
        let purl = try PackageURL(parsing: "pkg:npm/%40babel/core@7.0.0?a=b#lib/x")
        #expect(purl.type == "npm")
        #expect(purl.namespace == "@babel")
        #expect(purl.name == "core")
        #expect(purl.version == "7.0.0")
        #expect(purl.qualifiers == ["a": "b"])
        #expect(purl.subpath == "lib/x")
        #expect(purl.withoutVersion.description == "pkg:npm/%40babel/core?a=b#lib/x")
        #expect(purl.packageKey.description == "pkg:npm/%40babel/core")
        #expect(purl.with(version: "8.0.0").version == "8.0.0")
    }

    @Test("equal packages compare equal however they were written")
    func equality() throws {
        #expect(try PackageURL(parsing: "pkg:PYPI/Flask_SQLAlchemy@2.0") == PackageURL(type: "pypi", name: "flask-sqlalchemy", version: "2.0"))
    }

    @Test("round-trips through Codable as its canonical string")
    func codable() throws {
        let purl = try PackageURL(parsing: "pkg:npm/@a/b@1")
        let data = try JSONEncoder().encode([purl])
        #expect(String(decoding: data, as: UTF8.self) == "[\"pkg:npm\\/%40a\\/b@1\"]" || String(decoding: data, as: UTF8.self) == "[\"pkg:npm/%40a/b@1\"]")
        #expect(try JSONDecoder().decode([PackageURL].self, from: data) == [purl])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([PackageURL].self, from: Data("[\"nope\"]".utf8)) }
    }

    @Test("refuses an oversized purl")
    func oversized() {
        let long = "pkg:npm/" + String(repeating: "a", count: PackageURL.maximumLength)
        #expect(throws: ModelError.self) { try PackageURL(parsing: long) }
    }
}

import Foundation

@Suite("Remembered purl parses")
struct PackageURLCacheTests {
    @Test("a purl parsed again (from the cache) equals the first parse, and invalid text throws every time")
    func remembered() throws {
        let text = "pkg:deb/debian/Base-Files@12.4%2Bdeb12u11?arch=amd64&distro=debian-12"
        let first = try PackageURL(parsing: text)
        let second = try PackageURL(parsing: text)
        #expect(first == second)
        #expect(second.description == "pkg:deb/debian/base-files@12.4%2Bdeb12u11?arch=amd64&distro=debian-12")
        for _ in 0..<2 {
            #expect(throws: ModelError.self) { try PackageURL(parsing: "pkg:maven/only-a-name@1.0") }
        }
    }
}
