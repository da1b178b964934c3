import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { CaseKeyService, CaseRepository, DEFAULT_TEAM_ID, TeamRepository, type CaseEntity, type CasePolicy } from '@handover/persistence';
import { invalidField } from '@handover/http';
import { spansAllTeams, type Principal } from '../auth/roles';
import { MONGO_CONNECTION, CASE_KEYS } from '../common/tokens';
import type { OpenCaseDto } from './open-case.dto';
import { AuditService } from '../audit/audit.service';

/** Product defaults (API.md): 30-day waiting period and deadlines, reminders at 7 and 21 days. */
export const DEFAULT_POLICY: CasePolicy = {
  waitingPeriod: 'P30D',
  consentDeadline: 'P30D',
  thirdPartyDeadline: 'P30D',
  reminders: ['P7D', 'P21D'],
  minors: 'guardian-consent',
  sensitive: 'notice',
};

export const newCaseId = (): string => `cs_${randomBytes(12).toString('base64url')}`;

/**
 * Opens a case as a draft in a team (the caller's unless an admin names one; 400 naming `team` for
 * an unknown team or another team than a non-admin's own): creates its data key, stores it with
 * contact fields encrypted.
 */
@Injectable()
export class OpenCaseUseCase {
  private readonly cases: CaseRepository;

  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    @Inject(CASE_KEYS) private readonly keys: CaseKeyService,
    private readonly teams: TeamRepository,
    private readonly audit: AuditService,
  ) {
    this.cases = new CaseRepository(connection);
  }

  async execute(dto: OpenCaseDto, principal: Principal): Promise<{ id: string; status: 'draft' }> {
    const team = await this.teamFor(dto.team, principal);
    const id = newCaseId();
    const entity: CaseEntity = {
      id,
      team,
      kind: dto.kind,
      jurisdiction: dto.jurisdiction ?? 'CN-PIPL',
      status: 'draft',
      phase: 'opened',
      transferor: { name: dto.transferor.name, contact: dto.transferor.contact },
      ...(dto.recipient && {
        recipient: {
          name: dto.recipient.name,
          contact: dto.recipient.contact,
          email: dto.recipient.email,
          country: dto.recipient.country.toUpperCase(),
          ...(dto.recipient.publicKey && { publicKey: dto.recipient.publicKey }),
        },
      }),
      manager: { name: dto.manager.name, email: dto.manager.email },
      ...(dto.purposeChange && { purposeChange: dto.purposeChange }),
      policy: { ...DEFAULT_POLICY, ...stripUndefined(dto.policy ?? {}) },
      createdAt: new Date(),
    };
    const cipher = await this.keys.ensure(id);
    await this.cases.create(entity, cipher);
    await this.audit.record({ caseId: id, action: 'case.opened', subject: { type: 'case', id }, data: { kind: entity.kind, jurisdiction: entity.jurisdiction, team } });
    return { id, status: 'draft' };
  }

  private async teamFor(requested: string | undefined, principal: Principal): Promise<string> {
    const own = principal.team ?? DEFAULT_TEAM_ID;
    if (requested === undefined || requested === own) return own;
    if (!spansAllTeams(principal)) throw invalidField('team', "must be the caller's own team");
    if (!(await this.teams.exists(requested))) throw invalidField('team', 'no such team');
    return requested;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
