import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { AppError } from '@handover/http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiConsumes } from '@nestjs/swagger';
import { IsDefined, IsIn, IsString, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import type { Request, Response } from 'express';
import request from 'supertest';
import type { AdminApiConfig } from '@handover/config';
import { Public } from '../auth/roles';
import { sessionCookie } from '../auth/session-cookie';
import { SessionStore } from '../auth/session-store';
import { createPipelineTestApp, TEST_TOKENS, type LogEntry } from './pipeline.test-helpers';

const CANARY_EMAIL = 'zhang.canary@example.cn';

class PartyDto {
  @IsString() name!: string;
}
class OpenDto {
  @IsIn(['merger', 'bankruptcy']) kind!: string;
  @IsDefined() @ValidateNested() @Type(() => PartyDto) transferor!: PartyDto;
}

/** Stand-ins for the real controllers: the same routes (so the real access matrix applies), no database. */
@Controller('v1/cases')
class FakeCasesController {
  static opened = 0;

  @Post()
  open(@Body() _dto: OpenDto): { id: string } {
    FakeCasesController.opened += 1;
    return { id: 'cs_new' };
  }

  @Get(':id')
  status(@Param('id') id: string): never {
    throw AppError.notFound('case', id);
  }

  @Get(':id/inventory/rejected')
  rejected(@Query('after') after: string | undefined): { after: string | null } {
    return { after: after ?? null };
  }

  @Post(':id/inventory')
  @HttpCode(202)
  @ApiConsumes('text/csv', 'application/x-ndjson', 'application/json')
  async upload(@Req() req: Request): Promise<{ bytes: number; bodyParsed: boolean }> {
    const bodyParsed = req.body !== undefined;
    let bytes = 0;
    for await (const chunk of req) bytes += (chunk as Buffer).length;
    return { bytes, bodyParsed };
  }
}

/** The sign-in's contract (a public route answering 200 with the session cookie), without its audit record. */
@Controller('auth')
class FakeSessionController {
  constructor(private readonly sessions: SessionStore) {}

  @Public()
  @Post('session')
  @HttpCode(200)
  async signIn(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ ok: true }> {
    res.setHeader('Set-Cookie', sessionCookie(req, (await this.sessions.create({ id: 'key_console', role: 'case-manager', team: 'default' })).id));
    return { ok: true };
  }
}

@Controller('v1/broken')
class BrokenController {
  @Get()
  fail(): never {
    throw new TypeError(`cannot read ${CANARY_EMAIL}`);
  }
}

describe('the admin API request pipeline (in process)', () => {
  let app: NestExpressApplication;
  let config: AdminApiConfig;
  let logged: LogEntry[];

  beforeAll(async () => {
    ({ app, config, logged } = await createPipelineTestApp({ controllers: [FakeCasesController, BrokenController, FakeSessionController] }, { ADMIN_AUTH_FAILURES_PER_MINUTE: '3' }));
  });

  afterAll(async () => {
    await app.close();
  });

  const http = () => request(app.getHttpServer());
  const manager = { authorization: `Bearer ${TEST_TOKENS['case-manager']}` };
  const admin = { authorization: `Bearer ${TEST_TOKENS.admin}` };

  it('sets the security headers on answers and on errors, with no-store under /v1', async () => {
    for (const res of [await http().get('/v1/cases/cs_x').set(manager), await http().get('/nowhere')]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['x-request-id']).toMatch(/^req_/);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
    expect((await http().get('/v1/cases/cs_x').set(manager)).headers['cache-control']).toBe('no-store');
    expect((await http().get('/nowhere')).body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'no such route' });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON, without quoting the body', async () => {
    const res = await http().post('/v1/cases').set(manager).set('content-type', 'application/json').send(`{"kind": "${CANARY_EMAIL}`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, code: 'MALFORMED_JSON', message: 'the body is not valid JSON (an object is expected)' });
    expect(res.text).not.toContain(CANARY_EMAIL);
  });

  it('answers a body over the JSON limit with 413 in the JSON error shape', async () => {
    const big = JSON.stringify({ kind: 'merger', transferor: { name: 'x'.repeat(config.ADMIN_JSON_BODY_LIMIT_BYTES) } });
    const res = await http().post('/v1/cases').set(manager).set('content-type', 'application/json').send(big);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers a media type the route does not declare with 415, after authentication', async () => {
    const res = await http().post('/v1/cases').set(manager).set('content-type', 'text/plain').send('kind=merger');
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send application/json' });
    expect((await http().post('/v1/cases').set('content-type', 'text/plain').send('x')).status).toBe(401);
    expect((await http().post('/v1/cases/cs_x/inventory').set(manager).set('content-type', 'application/xml').send('<a/>')).status).toBe(415);
  });

  it('leaves an inventory upload unread for its controller to stream', async () => {
    const csv = 'customer_id,email\n' + 'C1,a@example.cn\n'.repeat(200_000);
    const res = await http().post('/v1/cases/cs_x/inventory').set(manager).set('content-type', 'text/csv').send(csv);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ bytes: Buffer.byteLength(csv), bodyParsed: false });
    expect(Buffer.byteLength(csv)).toBeGreaterThan(config.ADMIN_JSON_BODY_LIMIT_BYTES);
    // A JSON array upload too: past the JSON limit, not parsed, not refused as a top-level array.
    const json = `[${'{"customer_id":"C1","email":"a@example.cn"},'.repeat(30_000)}{}]`;
    const array = await http().post('/v1/cases/cs_x/inventory').set(manager).set('content-type', 'application/json').send(json);
    expect(array.status).toBe(202);
    expect(array.body).toEqual({ bytes: Buffer.byteLength(json), bodyParsed: false });
    expect(Buffer.byteLength(json)).toBeGreaterThan(config.ADMIN_JSON_BODY_LIMIT_BYTES);
  });

  it('rejects operator keys anywhere in a JSON body, naming the field, and creates nothing', async () => {
    const before = FakeCasesController.opened;
    for (const [body, field] of [
      [{ kind: { $gt: '' }, transferor: { name: 'a' } }, 'kind'],
      [{ kind: 'merger', transferor: { name: { $ne: null } } }, 'transferor.name'],
      [{ kind: 'merger', transferor: { name: 'a', tags: [{ $where: 'sleep(1)' }] } }, 'transferor.tags.0'],
    ] as const) {
      const res = await http().post('/v1/cases').set(manager).send(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: `invalid request: ${field}`, fields: [{ field }] });
    }
    const proto = await http().post('/v1/cases').set(manager).set('content-type', 'application/json').send('{"kind":"merger","transferor":{"name":"a"},"__proto__":{"admin":true}}');
    expect(proto.status).toBe(400);
    expect((await http().post('/v1/cases').set(manager).send([{ kind: 'merger' }])).body).toMatchObject({ statusCode: 400, code: 'BODY_NOT_OBJECT' });
    expect(FakeCasesController.opened).toBe(before);
  });

  it('lets class-validator name nested fields and unknown ones, with key names that are not names replaced', async () => {
    const res = await http().post('/v1/cases').set(manager).send({ kind: { gt: '' }, transferor: { name: 'a', extra: 1 }, [CANARY_EMAIL]: 'x' });
    expect(res.status).toBe(400);
    const fields = (res.body as { fields: Array<{ field: string }> }).fields.map((f) => f.field);
    expect(fields.sort()).toEqual(['(unnamed)', 'kind', 'transferor.extra']);
    expect(res.text).not.toContain(CANARY_EMAIL);
    expect((await http().post('/v1/cases').set(manager).send({ kind: 'merger', transferor: { name: 'a' } })).status).toBe(201);
  });

  it('rejects operator and repeated query parameters, naming the parameter', async () => {
    const bracket = await http().get('/v1/cases/cs_x/inventory/rejected?after[$gt]=').set(manager);
    expect(bracket.status).toBe(400);
    expect(bracket.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'after' }] });
    const twice = await http().get('/v1/cases/cs_x/inventory/rejected?after=a&after=b').set(manager);
    expect(twice.body).toMatchObject({ statusCode: 400, fields: [{ field: 'after', reason: 'given more than once' }] });
    expect((await http().get('/v1/cases/cs_x/inventory/rejected?after=rj_1').set(manager)).body).toEqual({ after: 'rj_1' });
  });

  it('answers path garbage with a 4xx that does not echo it', async () => {
    const encoded = await http().get('/v1/cases/%E0%A4%A').set(manager);
    expect(encoded.body).toEqual({ statusCode: 400, code: 'MALFORMED_PATH', message: 'the request path is not valid percent-encoding' });
    const control = await http().get('/v1/cases/a%00b').set(manager);
    expect(control.body).toEqual({ statusCode: 400, code: 'INVALID_PATH_PARAMETER', message: 'path parameter id is not valid' });
    const email = await http().get(`/v1/cases/${encodeURIComponent(CANARY_EMAIL)}`).set(manager);
    expect(email.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'case {id} not found' });
    expect((await http().get('/v1/cases/cs_abcdef').set(manager)).body.message).toBe('case cs_abcdef not found');
  });

  it('turns an unexpected error into a bare 500 with the request id, logging only its name, where it came from and that id', async () => {
    const res = await http().get('/v1/broken').set(admin);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'internal error', requestId: res.headers['x-request-id'] });
    const entry = logged.find((l) => l.level === 'error');
    expect(entry?.object).toEqual({ requestId: res.headers['x-request-id'], err: 'TypeError', at: expect.stringMatching(/^services\/admin-api\/src\/common\/hardening\.spec\.ts:\d+$/) });
    expect(JSON.stringify(logged)).not.toContain(CANARY_EMAIL);
  });

  it('blocks an address after the limit of distinct failing credentials, and counts a repeated one once', async () => {
    app.set('trust proxy', true);
    // Failures count per clock minute: not across the end of one.
    const untilNextMinute = 60_000 - (Date.now() % 60_000);
    if (untilNextMinute < 3_000) await new Promise((resolve) => setTimeout(resolve, untilNextMinute + 50));
    const from = (ip: string, token?: string) => ({ 'x-forwarded-for': ip, ...(token && { authorization: `Bearer ${token}` }) });
    // The same stale credential again and again counts once; no credential at all counts once too.
    for (let i = 0; i < 5; i++) expect((await http().get('/v1/cases/cs_x').set(from('203.0.113.7', 'hov_stale_key_0000000000'))).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await http().get('/v1/cases/cs_x').set(from('203.0.113.7'))).status).toBe(401);
    expect((await http().get('/v1/cases/cs_x').set(from('203.0.113.7', TEST_TOKENS['case-manager']))).status).toBe(404);
    // A third distinct failure reaches the limit (3 in this test): the address is refused for any
    // credential that has not authenticated lately (a guess, or a key never used)...
    expect((await http().get('/v1/cases/cs_x').set(from('203.0.113.7', 'hov_guess_0_0000000000'))).status).toBe(401);
    expect((await http().get('/v1/cases/cs_x').set(from('203.0.113.7', TEST_TOKENS.auditor))).status).toBe(429);
    const blocked = await http().get('/v1/cases/cs_x').set(from('203.0.113.7', 'hov_guess_1_0000000000'));
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({ statusCode: 429, code: 'TOO_MANY_AUTH_FAILURES', message: 'too many failed authentications from this address; retry later' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.headers['x-content-type-options']).toBe('nosniff');
    // ...while the key that authenticated a moment ago still works from there.
    expect((await http().get('/v1/cases/cs_x').set(from('203.0.113.7', TEST_TOKENS['case-manager']))).status).toBe(404);
    // Other addresses and the public routes are unaffected.
    expect((await http().get('/v1/cases/cs_x').set(from('203.0.113.8', TEST_TOKENS['case-manager']))).status).toBe(404);
    expect((await http().get('/health').set(from('203.0.113.7'))).status).not.toBe(429);
    expect(logged.some((l) => l.level === 'warn' && /blocked/.test(l.message))).toBe(true);
    expect(JSON.stringify(logged)).not.toContain('203.0.113.7');
  });

  it('signs the console in at a blocked address with a token that authenticated lately, and refuses a guessed one', async () => {
    app.set('trust proxy', true);
    const untilNextMinute = 60_000 - (Date.now() % 60_000);
    if (untilNextMinute < 3_000) await new Promise((resolve) => setTimeout(resolve, untilNextMinute + 50));
    const ip = '203.0.113.31';
    // The admin token works from elsewhere; three distinct guesses then block this address.
    expect((await http().get('/v1/cases/cs_x').set({ 'x-forwarded-for': '203.0.113.32', authorization: `Bearer ${TEST_TOKENS.admin}` })).status).toBe(404);
    for (let i = 0; i < 3; i++) expect((await http().get('/v1/cases/cs_x').set({ 'x-forwarded-for': ip, authorization: `Bearer hov_guess_${i}_1111111111` })).status).toBe(401);
    expect((await http().get('/v1/cases/cs_x').set({ 'x-forwarded-for': ip })).status).toBe(429);
    // The sign-in form carries its token in the body: the limiter must judge that token, not "no credential".
    const signedIn = await http().post('/auth/session').set({ 'x-forwarded-for': ip }).send({ token: TEST_TOKENS.admin });
    expect(signedIn.status).toBe(200);
    const guessed = await http().post('/auth/session').set({ 'x-forwarded-for': ip }).send({ token: 'hov_guess_9_1111111111' });
    expect(guessed.status).toBe(429);
  });

  it('keeps a console session that signed in before its address was blocked working, and counts guessed session cookies', async () => {
    app.set('trust proxy', true);
    const untilNextMinute = 60_000 - (Date.now() % 60_000);
    if (untilNextMinute < 3_000) await new Promise((resolve) => setTimeout(resolve, untilNextMinute + 50));
    const ip = '203.0.113.21';
    const signIn = async () => {
      const answer = await http().post('/auth/session').set({ 'x-forwarded-for': ip });
      expect(answer.status).toBe(200);
      return String(answer.headers['set-cookie']?.[0]).split(';')[0]!;
    };
    const used = await signIn();
    const fresh = await signIn();
    expect((await http().get('/v1/cases/cs_x').set({ 'x-forwarded-for': ip, cookie: used })).status).toBe(404);
    // Three distinct guessed session cookies reach the limit of 3...
    for (let i = 0; i < 3; i++) expect((await http().get('/v1/cases/cs_x').set({ 'x-forwarded-for': ip, cookie: `handover_session=${String(i).repeat(43)}` })).status).toBe(401);
    const guess = await http().get('/v1/cases/cs_x').set({ 'x-forwarded-for': ip, cookie: `handover_session=${'g'.repeat(43)}` });
    expect(guess.status).toBe(429);
    expect((await http().get('/v1/cases/cs_x').set({ 'x-forwarded-for': ip })).status).toBe(429);
    // ...while the sessions that signed in (used since, or not yet) still pass.
    expect((await http().get('/v1/cases/cs_x').set({ 'x-forwarded-for': ip, cookie: used })).status).toBe(404);
    expect((await http().get('/v1/cases/cs_x').set({ 'x-forwarded-for': ip, cookie: fresh })).status).toBe(404);
  });
});
