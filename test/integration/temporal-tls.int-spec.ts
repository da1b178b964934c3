import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { Connection } from '@temporalio/client';
import { temporalConnectionOptions, type TemporalConnectionSettings } from '@handover/temporal';
import { testEnv } from '@handover/testing';

/**
 * Issue 15: TLS and mTLS to Temporal. The dev server speaks plain gRPC, so the test puts its own
 * TLS-terminating proxy in front of it (a CA, a server and a client certificate made with openssl
 * here) and connects with the TEMPORAL_TLS_* settings through `temporalConnectionOptions`.
 */
describe('Temporal connections over TLS', () => {
  const env = testEnv();
  const dir = mkdtempSync(join(tmpdir(), 'handover-tls-'));
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const proxies: Server[] = [];
  const [devHost, devPort] = env.temporalAddress.split(':') as [string, string];

  beforeAll(() => {
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=handover test CA');
    for (const name of ['server', 'client']) {
      openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name === 'server' ? 'localhost' : 'handover-worker'}`);
      writeFileSync(file(`${name}.ext`), name === 'server' ? 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' : 'extendedKeyUsage=clientAuth\n');
      openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '1', '-extfile', `${name}.ext`);
    }
  });

  afterAll(async () => {
    await Promise.all(proxies.map((proxy) => new Promise((done) => proxy.close(done))));
    rmSync(dir, { recursive: true, force: true });
  });

  /** A TLS proxy to the dev server's plain port; `mutual`: it asks for and verifies a client certificate. */
  async function proxy(mutual: boolean): Promise<string> {
    const server = createServer(
      { key: readFileSync(file('server.key')), cert: readFileSync(file('server.pem')), ca: readFileSync(file('ca.pem')), requestCert: mutual, rejectUnauthorized: mutual, ALPNProtocols: ['h2'] },
      (socket) => {
        const upstream = tcpConnect(Number(devPort), devHost);
        socket.pipe(upstream).pipe(socket);
        socket.on('error', () => upstream.destroy());
        upstream.on('error', () => socket.destroy());
      },
    );
    proxies.push(server);
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    return `127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Connects and asks the frontend something real: the namespace the services use. */
  async function describeNamespace(settings: TemporalConnectionSettings): Promise<string | null | undefined> {
    const connection = await Connection.connect({ ...temporalConnectionOptions(settings), connectTimeout: '5 seconds' });
    try {
      const { namespaceInfo } = await connection.workflowService.describeNamespace({ namespace: 'default' });
      return namespaceInfo?.name;
    } finally {
      await connection.close();
    }
  }

  it('with mTLS: a client with the CA and a client certificate connects; without a certificate, or without TLS, it is refused', async () => {
    const address = await proxy(true);
    const trusted = { TEMPORAL_ADDRESS: address, TEMPORAL_TLS_CA: file('ca.pem'), TEMPORAL_TLS_SERVER_NAME: 'localhost' };
    await expect(describeNamespace({ ...trusted, TEMPORAL_TLS_CERT: file('client.pem'), TEMPORAL_TLS_KEY: file('client.key') })).resolves.toBe('default');
    await expect(describeNamespace(trusted)).rejects.toThrow();
    await expect(describeNamespace({ TEMPORAL_ADDRESS: address })).rejects.toThrow();
  }, 60_000);

  it('with TLS only: a client that trusts the CA connects, one that does not is refused', async () => {
    const address = await proxy(false);
    await expect(describeNamespace({ TEMPORAL_ADDRESS: address, TEMPORAL_TLS: true, TEMPORAL_TLS_CA: file('ca.pem') })).resolves.toBe('default');
    await expect(describeNamespace({ TEMPORAL_ADDRESS: address, TEMPORAL_TLS: true })).rejects.toThrow();
  }, 60_000);

  it('refuses a client certificate without its key', () => {
    expect(() => temporalConnectionOptions({ TEMPORAL_ADDRESS: '127.0.0.1:1', TEMPORAL_TLS_CERT: file('client.pem') })).toThrow(/TEMPORAL_TLS_KEY is missing/);
  });
});
