// A Node.js HTTPS server in the playground: Aspire starts it with the Kalypso certificate's files
// in KALYPSO_CERT_FILE / KALYPSO_KEY_FILE and the port in KALYPSO_HTTPS_PORT. It re-reads the
// files when they change, so a renewed certificate is served without a restart.
'use strict';
const fs = require('node:fs');
const https = require('node:https');
const crypto = require('node:crypto');

const certFile = process.env.KALYPSO_CERT_FILE;
const keyFile = process.env.KALYPSO_KEY_FILE;
const port = Number(process.env.KALYPSO_HTTPS_PORT);
if (!certFile || !keyFile || !port) {
  console.error('KALYPSO_CERT_FILE, KALYPSO_KEY_FILE and KALYPSO_HTTPS_PORT must be set (WithKalypsoHttps sets them).');
  process.exit(2);
}

function load() {
  const cert = fs.readFileSync(certFile);
  const key = fs.readFileSync(keyFile);
  const x509 = new crypto.X509Certificate(cert);
  return { cert, key, x509 };
}

let current = load();
const server = https.createServer({ cert: current.cert, key: current.key }, (req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('Healthy');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({
    server: `node ${process.version}`,
    subjectAltName: current.x509.subjectAltName,
    fingerprint256: current.x509.fingerprint256,
    validTo: current.x509.validTo,
  }));
});

for (const file of [certFile, keyFile]) {
  fs.watchFile(file, { interval: 2000 }, () => {
    try {
      current = load();
      server.setSecureContext({ cert: current.cert, key: current.key });
      console.log(`reloaded certificate ${current.x509.fingerprint256}`);
    } catch (e) {
      console.error(`cannot reload the certificate yet: ${e.message}`);
    }
  });
}

server.listen(port, '127.0.0.1', () => {
  console.log(`node HTTPS server on https://localhost:${port} with certificate ${current.x509.fingerprint256}, valid to ${current.x509.validTo}`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
