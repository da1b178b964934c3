import 'reflect-metadata';
import { createValidationPipe } from '@handover/http';
import { ThirdPartyAnswerDto } from './third-party-answer.dto';

const pipe = createValidationPipe();
const validate = (body: unknown) => pipe.transform(body, { type: 'body', metatype: ThirdPartyAnswerDto });
const fieldsOf = async (body: unknown): Promise<string[]> => {
  try {
    await validate(body);
    return [];
  } catch (error) {
    const response = (error as { getResponse(): { fields: Array<{ field: string }> } }).getResponse();
    return [...new Set(response.fields.map((f) => f.field))].sort();
  }
};

describe('ThirdPartyAnswerDto', () => {
  it("accepts docs/api.md's body {confirmedBy, method, deletedAt} as a deletion", async () => {
    const dto = await validate({ confirmedBy: '张工', method: '安全擦除', deletedAt: '2026-03-01' });
    expect(dto).toBeInstanceOf(ThirdPartyAnswerDto);
    expect(await fieldsOf({ confirmedBy: '张工', method: 'overwrite', deletedAt: '2026-03-01T10:00:00Z' })).toEqual([]);
  });

  it('requires who, how and when for a deletion', async () => {
    expect(await fieldsOf({})).toEqual(['confirmedBy', 'deletedAt', 'method']);
    expect(await fieldsOf({ confirmedBy: 'x', method: 'y', deletedAt: 'yesterday' })).toEqual(['deletedAt']);
  });

  it('needs only who for "not held", an explanation for an exception, basis and end date for a legal hold', async () => {
    expect(await fieldsOf({ kind: 'not-held', confirmedBy: 'x' })).toEqual([]);
    expect(await fieldsOf({ kind: 'exception', confirmedBy: 'x' })).toEqual(['explanation']);
    expect(await fieldsOf({ kind: 'exception', confirmedBy: 'x', explanation: 'backup tapes until rotation' })).toEqual([]);
    expect(await fieldsOf({ kind: 'legal-hold', confirmedBy: 'x' })).toEqual(['basis', 'retainedUntil']);
    expect(await fieldsOf({ kind: 'legal-hold', confirmedBy: 'x', basis: '会计档案管理办法', retainedUntil: '2036-01-01' })).toEqual([]);
  });

  it('refuses unknown kinds and fields', async () => {
    expect(await fieldsOf({ kind: 'maybe', confirmedBy: 'x' })).toEqual(['kind']);
    expect(await fieldsOf({ kind: 'not-held', confirmedBy: 'x', late: false })).toEqual(['late']);
  });
});
