"""A stdlib-only client that does what the original Kalypso Python SDK does (urllib + json), then
proves the certificate works: it serves TLS with it on loopback and connects trusting only the root.

Usage: python3 kalypso_client.py BASE_URL OUT_DIR
Prints one JSON line with what it checked; exits non-zero on any failure.
"""
import json
import os
import socket
import ssl
import sys
import threading
import urllib.error
import urllib.request


class KalypsoClient:
    def __init__(self, base_url):
        self.base_url = base_url.rstrip("/")

    def health(self):
        return self._get("/health")

    def ca(self):
        return self._get("/ca.json")

    def issue(self, *domains, hours=24, ip_addresses=None):
        body = {"domains": list(domains), "hours": hours}
        if ip_addresses:
            body["ip_addresses"] = ip_addresses
        return self._post("/certificates", body)

    def _get(self, path):
        with urllib.request.urlopen(urllib.request.Request(self.base_url + path)) as resp:
            return json.loads(resp.read())

    def _post(self, path, body):
        req = urllib.request.Request(
            self.base_url + path,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(req) as resp:
            return json.loads(resp.read())


def serve_once(context, listener, failures):
    try:
        conn, _ = listener.accept()
        with context.wrap_socket(conn, server_side=True) as tls:
            tls.recv(5)
            tls.sendall(b"hello")
    except Exception as exc:  # reported by the client side too
        failures.append(repr(exc))


def main():
    base_url, out_dir = sys.argv[1], sys.argv[2]
    client = KalypsoClient(base_url)

    health = client.health()
    assert health["status"] == "ok" and health["ca_initialized"] is True, health

    ca = client.ca()
    cert = client.issue("localhost", "python.test", hours=2, ip_addresses=["127.0.0.1"])
    for field in ("certificate", "private_key", "domains", "not_after", "ca_certificate"):
        assert field in cert, field
    assert cert["ca_certificate"] == ca["certificate"]
    assert cert["domains"] == ["localhost", "python.test"], cert["domains"]

    # What the SDK's Certificate.save / save_ca / save_fullchain write.
    cert_path = os.path.join(out_dir, "cert.pem")
    key_path = os.path.join(out_dir, "key.pem")
    ca_path = os.path.join(out_dir, "ca.pem")
    chain_path = os.path.join(out_dir, "fullchain.pem")
    open(cert_path, "w").write(cert["certificate"])
    open(key_path, "w").write(cert["private_key"])
    open(ca_path, "w").write(cert["ca_certificate"])
    open(chain_path, "w").write(cert["certificate"] + cert["ca_certificate"])

    # A real TLS handshake on loopback: server with the issued chain and key, client trusting only the root.
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(chain_path, key_path)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    failures = []
    thread = threading.Thread(target=serve_once, args=(server_context, listener, failures))
    thread.start()
    client_context = ssl.create_default_context(cafile=ca_path)
    with socket.create_connection(listener.getsockname()) as raw:
        with client_context.wrap_socket(raw, server_hostname="localhost") as tls:
            tls.sendall(b"hello")
            reply = tls.recv(5)
            peer = tls.getpeercert()
    thread.join(10)
    listener.close()
    assert reply == b"hello" and not failures, failures

    # The service refuses what it should, with a problem body the SDK surfaces as an HTTPError.
    try:
        client.issue("localhost", hours=169)
        raise AssertionError("hours=169 was accepted")
    except urllib.error.HTTPError as err:
        problem = json.loads(err.read())
        assert err.code == 422 and problem["field"] == "hours", problem

    print(json.dumps({
        "issued_count": health["issued_count"],
        "not_after": cert["not_after"],
        "peer_subject": dict(x[0] for x in peer["subject"]),
        "san": [list(x) for x in peer["subjectAltName"]],
        "fingerprint": cert["fingerprint"],
    }))


if __name__ == "__main__":
    main()
