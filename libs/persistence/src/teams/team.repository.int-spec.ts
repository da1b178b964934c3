import type { Connection } from 'mongoose';
import { mongoUriFor } from '@handover/testing';
import { connectMongo } from '../mongo-connection';
import { ApiKeyRepository } from '../api-keys/api-key.repository';
import { CASE_COLLECTION } from '../cases/case.schema';
import { CaseRepository } from '../cases/case.repository';
import { IncidentRepository } from '../incidents/incident.repository';
import { DEFAULT_TEAM_ID } from './team.entity';
import { TeamRepository } from './team.repository';

/** Teams and the team lookups of per-case access, against the real MongoDB-compatible server. */
describe('teams on the real database', () => {
  let connection: Connection;
  let teams: TeamRepository;
  const unique = (label: string): string => `${label}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    connection = await connectMongo(mongoUriFor('handover_it_teams'));
    teams = new TeamRepository(connection);
    await teams.ensureIndexes();
  });

  afterAll(async () => {
    await connection.close();
  });

  it('creates the default team once, however often start-up runs, and refuses a taken id or name', async () => {
    await Promise.all([teams.ensureDefault(), teams.ensureDefault()]);
    await teams.ensureDefault();
    expect((await teams.list()).filter((t) => t.id === DEFAULT_TEAM_ID)).toHaveLength(1);
    const name = unique('team');
    const id = unique('tm');
    expect(await teams.create({ id, name, createdAt: new Date() })).toBe(true);
    expect(await teams.create({ id: unique('tm'), name, createdAt: new Date() })).toBe(false);
    expect(await teams.create({ id, name: unique('other'), createdAt: new Date() })).toBe(false);
    expect(await teams.exists(id)).toBe(true);
    expect(await teams.exists(unique('tm'))).toBe(false);
  });

  it("reads a case's team, the default team for a case stored without one, and null for no case", async () => {
    const cases = new CaseRepository(connection);
    const id = unique('cs');
    const old = unique('cs');
    await connection.db!.collection(CASE_COLLECTION).insertMany([
      { _id: id as never, team: 'tm_x', kind: 'merger', status: 'draft' },
      { _id: old as never, kind: 'merger', status: 'draft' },
    ]);
    expect(await cases.findTeam(id)).toBe('tm_x');
    expect(await cases.findTeam(old)).toBe(DEFAULT_TEAM_ID);
    expect(await cases.findTeam(unique('cs'))).toBeNull();
  });

  it("keeps a key's team and expiry, and an incident's case or opener's team", async () => {
    const keys = new ApiKeyRepository(connection);
    await keys.ensureIndexes();
    const expiresAt = new Date(Date.now() + 60_000);
    const keyId = unique('key');
    await keys.create({ id: keyId, name: 'k', role: 'auditor', team: 'tm_x', tokenHash: unique('hash'), createdAt: new Date(), expiresAt });
    expect(await keys.findById(keyId)).toMatchObject({ team: 'tm_x', expiresAt });
    expect((await keys.list()).find((k) => k.id === keyId)).toMatchObject({ team: 'tm_x', expiresAt });

    const incidents = new IncidentRepository(connection);
    const base = { title: 't', detectedAt: new Date(), categories: ['all'], drill: true, clockOverrides: {}, createdAt: new Date(), createdBy: keyId };
    const withCase = unique('inc');
    const withoutCase = unique('inc');
    await incidents.create({ ...base, id: withCase, caseId: 'cs_y', team: 'tm_x' });
    await incidents.create({ ...base, id: withoutCase, team: 'tm_x' });
    expect(await incidents.findOwner(withCase)).toEqual({ caseId: 'cs_y', team: 'tm_x' });
    expect(await incidents.findOwner(withoutCase)).toEqual({ team: 'tm_x' });
    expect(await incidents.findOwner(unique('inc'))).toBeNull();
  });
});
