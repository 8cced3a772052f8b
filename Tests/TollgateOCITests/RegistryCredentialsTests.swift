import Testing
import TollgateModel
@testable import TollgateOCI

@Suite("Registry credentials come from the environment or the docker config's auths")
struct RegistryCredentialsTests {
    @Test("auths entries (auth or username/password) are keyed by host; Docker Hub's v1 URL serves docker.io")
    func dockerConfig() throws {
        let config = #"""
        {"auths": {"https://index.docker.io/v1/": {"auth": "\#(Base64Text.encode(Array("hub:secret".utf8)))"},
                   "registry.example:5000": {"username": "ci", "password": "p:w"}},
         "credsStore": "desktop"}
        """#
        let parsed = try RegistryCredentials.parseDockerConfig(Array(config.utf8), path: "config.json")
        let credentials = RegistryCredentials(byRegistry: parsed)
        #expect(credentials.basic(for: "docker.io") == .init(username: "hub", password: "secret"))
        #expect(credentials.basic(for: "registry.example:5000") == .init(username: "ci", password: "p:w"))
        #expect(credentials.basic(for: "ghcr.io") == nil)
    }

    @Test("the environment's credentials apply to every registry")
    func environment() throws {
        let credentials = try RegistryCredentials.load(environment: ["TOLLGATE_REGISTRY_USERNAME": "u", "TOLLGATE_REGISTRY_PASSWORD": "p",
                                                                     "DOCKER_CONFIG": "/nonexistent"])
        #expect(credentials.basic(for: "ghcr.io")?.header == "Basic " + Base64Text.encode(Array("u:p".utf8)))
    }

    @Test("a config that is not JSON, or an auth that is not base64 of USER:PASSWORD, is oci.invalid-credentials", arguments: [
        "{", #"{"auths": {"r": {"auth": "not base64!"}}}"#, #"{"auths": {"r": {"auth": "bm9jb2xvbg=="}}}"#,
    ])
    func malformed(config: String) {
        #expect { try RegistryCredentials.parseDockerConfig(Array(config.utf8), path: "config.json") } throws: {
            ($0 as? OCIError)?.kind == .invalidCredentials
        }
    }
}
