// These tests drive the real Linux tools (openssl, certutil, update-ca-certificates, chromium, keytool).
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
