// The tests run openssl and curl and read Unix file modes back from disk: a Unix test suite.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
