import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { defaultPayloadConverter } from '@temporalio/common';
import { singleMasterKey } from '@handover/config';
import { ENCRYPTED_ENCODING, MasterKey, payloadCodecFromMaster } from '@handover/crypto';
import { createPipelineTestApp, TEST_TOKENS, type LogEntry } from '../common/pipeline.test-helpers';
import { CodecModule } from './codec.module';
import { toJson } from './payload-json';

const UI = 'http://127.0.0.1:8233';
const CANARY = { email: 'li.codec-canary@example.cn', phone: '13912345678' };
const b64 = (text: string) => Buffer.from(text).toString('base64');
const text = (base64: string | undefined) => Buffer.from(base64 ?? '', 'base64').toString('utf8');

describe('the Temporal remote codec endpoint (in process)', () => {
  let app: NestExpressApplication;
  let logged: LogEntry[];
  let encrypted: { payloads: Array<{ metadata?: Record<string, string>; data?: string }> };

  beforeAll(async () => {
    let secrets;
    ({ app, logged, secrets } = await createPipelineTestApp({ imports: [CodecModule] }, { TEMPORAL_UI_ORIGIN: `${UI},https://temporal.example` }));
    // What a worker writes to history: the same codec, keyed from the same master key.
    const codec = payloadCodecFromMaster(MasterKey.fromBase64(singleMasterKey(secrets.masterKeys)));
    encrypted = toJson(await codec.encode([defaultPayloadConverter.toPayload(CANARY)]));
  });

  afterAll(async () => {
    await app.close();
  });

  const http = () => request(app.getHttpServer());
  const as = (role: keyof typeof TEST_TOKENS) => ({ authorization: `Bearer ${TEST_TOKENS[role]}`, 'x-namespace': 'default' });

  it('decodes a worker payload for an admin and for an auditor, and logs who without what', async () => {
    expect(encrypted.payloads[0]?.metadata?.['encoding']).toBe(b64(ENCRYPTED_ENCODING));
    for (const role of ['admin', 'auditor'] as const) {
      const res = await http().post('/codec/decode').set(as(role)).send(encrypted);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const [payload] = (res.body as typeof encrypted).payloads;
      expect(text(payload?.metadata?.['encoding'])).toBe('json/plain');
      expect(JSON.parse(text(payload?.data))).toEqual(CANARY);
    }
    expect(logged.filter((l) => l.message === 'payloads decoded for display').map((l) => l.object)).toEqual([
      { actor: 'bootstrap-admin', role: 'admin', payloads: 1 },
      { actor: 'key_a', role: 'auditor', payloads: 1 },
    ]);
    expect(JSON.stringify(logged)).not.toContain(CANARY.email);
  });

  it('refuses without a token (401) and to case managers and responders (403)', async () => {
    expect((await http().post('/codec/decode').send(encrypted)).status).toBe(401);
    expect((await http().post('/codec/decode').set(as('case-manager')).send(encrypted)).status).toBe(403);
    expect((await http().post('/codec/decode').set(as('incident-responder')).send(encrypted)).status).toBe(403);
  });

  it('encodes for an admin so that decode gives the payload back; auditors may not encode', async () => {
    const plain = { payloads: [{ metadata: { encoding: b64('json/plain') }, data: b64('{"a":1}') }] };
    const res = await http().post('/codec/encode').set(as('admin')).send(plain);
    expect(res.status).toBe(200);
    const encoded = res.body as typeof encrypted;
    expect(text(encoded.payloads[0]?.metadata?.['encoding'])).toBe(ENCRYPTED_ENCODING);
    expect(encoded.payloads[0]?.data).not.toContain(b64('{"a":1}'));
    expect((await http().post('/codec/decode').set(as('admin')).send(encoded)).body).toEqual(plain);
    expect((await http().post('/codec/encode').set(as('auditor')).send(plain)).status).toBe(403);
  });

  it('answers a tampered payload, another namespace and a malformed message with 400', async () => {
    const payload = encrypted.payloads[0]!;
    const data = Buffer.from(payload.data!, 'base64');
    data.writeUInt8(data.readUInt8(data.length - 1) ^ 1, data.length - 1);
    const tampered = await http().post('/codec/decode').set(as('admin')).send({ payloads: [{ ...payload, data: data.toString('base64') }] });
    expect(tampered.body).toEqual({ statusCode: 400, code: 'UNDECODABLE_PAYLOAD', message: 'payload 0 could not be decoded (unknown key, or altered)' });
    expect((await http().post('/codec/decode').set({ ...as('admin'), 'x-namespace': 'other' }).send(encrypted)).body).toMatchObject({ code: 'UNKNOWN_NAMESPACE' });
    const notBase64 = await http().post('/codec/decode').set(as('admin')).send({ payloads: [{ metadata: { encoding: 'not base64!' } }] });
    expect(notBase64.body).toMatchObject({ statusCode: 400, fields: [{ field: 'payloads.0.metadata.encoding' }] });
    expect((await http().post('/codec/decode').set(as('admin')).send({ payloads: 'x' })).status).toBe(400);
    expect((await http().post('/codec/decode').set(as('admin')).send({ payloads: [], extra: 1 })).status).toBe(400);
  });

  it('answers the CORS preflight of the Temporal UI origins only, and marks answers for them', async () => {
    const preflight = await http().options('/codec/decode').set({ origin: UI, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': UI,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'Authorization, Content-Type, X-Namespace',
    });
    const other = await http().options('/codec/decode').set({ origin: 'http://evil.example', 'access-control-request-method': 'POST' });
    expect(other.status).toBe(403);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const answer = await http().post('/codec/decode').set({ ...as('auditor'), origin: 'https://temporal.example' }).send(encrypted);
    expect(answer.headers['access-control-allow-origin']).toBe('https://temporal.example');
    expect(answer.headers['vary']).toContain('Origin');
    expect((await http().post('/codec/decode').set({ ...as('auditor'), origin: 'http://evil.example' }).send(encrypted)).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('signs a browser in with a form and then decodes with the cookie alone', async () => {
    const page = await http().get('/codec/session');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
    expect(page.text).toContain('name="token"');
    const refused = await http().post('/codec/session').type('form').send({ token: TEST_TOKENS['case-manager'] });
    expect(refused.status).toBe(403);
    expect(refused.headers['set-cookie']).toBeUndefined();
    expect((await http().post('/codec/session').type('form').send({ token: 'hov_wrong_0000000000000' })).status).toBe(401);
    expect((await http().post('/codec/session').set('origin', 'http://evil.example').type('form').send({ token: TEST_TOKENS.auditor })).status).toBe(403);
    expect((await http().post('/codec/session').set({ origin: 'null', 'sec-fetch-site': 'cross-site' }).type('form').send({ token: TEST_TOKENS.auditor })).status).toBe(403);
    // A browser posting the page's own form under its no-referrer policy: Origin null, Sec-Fetch-Site same-origin.
    expect((await http().post('/codec/session').set({ origin: 'null', 'sec-fetch-site': 'same-origin' }).type('form').send({ token: TEST_TOKENS.auditor })).status).toBe(200);

    const signedIn = await http().post('/codec/session').type('form').send({ token: TEST_TOKENS.auditor });
    expect(signedIn.status).toBe(200);
    const setCookie = String(signedIn.headers['set-cookie']);
    expect(setCookie).toMatch(/^handover_codec=[^;]+; Path=\/codec; HttpOnly; SameSite=Strict; Max-Age=28800/);
    const cookie = setCookie.split(';')[0]!;
    const decoded = await http().post('/codec/decode').set({ cookie, origin: UI, 'x-namespace': 'default' }).send(encrypted);
    expect(decoded.status).toBe(200);
    expect(JSON.parse(text((decoded.body as typeof encrypted).payloads[0]?.data))).toEqual(CANARY);
    expect((await http().post('/codec/decode').set({ cookie: 'handover_codec=hov_wrong_0000000000000' }).send(encrypted)).status).toBe(401);
    const signedOut = await http().post('/codec/session/end');
    expect(String(signedOut.headers['set-cookie'])).toContain('Max-Age=0');
  });
});
