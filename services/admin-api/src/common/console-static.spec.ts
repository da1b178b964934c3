import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createPipelineTestApp } from './pipeline.test-helpers';

@Controller('v1/cases')
class FakeCasesController {
  @Get(':id')
  status(): { id: string } {
    return { id: 'cs_1' };
  }
}

describe('the console served by the admin API (/console/)', () => {
  const dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
  let app: NestExpressApplication;
  let unbuilt: NestExpressApplication;

  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dist, '.build-stamp'), 'hash');
    app = (await createPipelineTestApp({ controllers: [FakeCasesController] }, { CONSOLE_DIST_DIR: dist })).app;
    unbuilt = (await createPipelineTestApp({ controllers: [] }, { CONSOLE_DIST_DIR: join(dist, 'missing') })).app;
  });

  afterAll(async () => {
    await app.close();
    await unbuilt.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers every console path with index.html under the console CSP (scripts of this origin only), no token needed', async () => {
    for (const path of ['/console/', '/console/cases', '/console/cases/cs_1']) {
      const res = await request(app.getHttpServer()).get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.text).toContain('<div id="root">');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets for a year, 404 for a missing one, never a file outside the assets', async () => {
    const asset = await request(app.getHttpServer()).get('/console/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await request(app.getHttpServer()).get('/console/assets/nope.js')).status).toBe(404);
    const escape = await request(app.getHttpServer()).get('/console/assets/..%2F.build-stamp');
    expect(escape.text).not.toContain('hash');
  });

  it('redirects / and /console to /console/, and leaves the API to the guard (401 without a session)', async () => {
    expect((await request(app.getHttpServer()).get('/')).headers['location']).toBe('/console/');
    expect((await request(app.getHttpServer()).get('/console')).headers['location']).toBe('/console/');
    expect((await request(app.getHttpServer()).get('/v1/cases/cs_1')).status).toBe(401);
  });

  it('says 503 CONSOLE_NOT_BUILT when the build is missing', async () => {
    const res = await request(unbuilt.getHttpServer()).get('/console/');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'CONSOLE_NOT_BUILT' });
  });
});
