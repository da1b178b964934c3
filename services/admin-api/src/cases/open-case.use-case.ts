import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { CaseKeyService, CaseRepository, type CaseEntity, type CasePolicy } from '@handover/persistence';
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

/** Opens a case as a draft: creates its data key, stores it with contact fields encrypted. */
@Injectable()
export class OpenCaseUseCase {
  private readonly cases: CaseRepository;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection, @Inject(CASE_KEYS) private readonly keys: CaseKeyService, private readonly audit: AuditService) {
    this.cases = new CaseRepository(connection);
  }

  async execute(dto: OpenCaseDto): Promise<{ id: string; status: 'draft' }> {
    const id = newCaseId();
    const entity: CaseEntity = {
      id,
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
    await this.audit.record({ caseId: id, action: 'case.opened', subject: { type: 'case', id }, data: { kind: entity.kind, jurisdiction: entity.jurisdiction } });
    return { id, status: 'draft' };
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
