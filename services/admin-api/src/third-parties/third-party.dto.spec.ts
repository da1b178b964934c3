import 'reflect-metadata';
import { createValidationPipe } from '@handover/http';
import { AddThirdPartyDto } from './third-party.dto';

const pipe = createValidationPipe();
const validate = (body: unknown) => pipe.transform(body, { type: 'body', metatype: AddThirdPartyDto });
const fieldsOf = async (body: unknown): Promise<string[]> => {
  try {
    await validate(body);
    return [];
  } catch (error) {
    const response = (error as { getResponse(): { fields: Array<{ field: string }> } }).getResponse();
    return [...new Set(response.fields.map((f) => f.field))].sort();
  }
};

const valid = { name: '某某云仓储服务有限公司', email: 'privacy@warehouse.example', categories: ['contact', 'orders'] };

describe('AddThirdPartyDto', () => {
  it('accepts name, email and categories', async () => {
    await expect(validate(valid)).resolves.toBeInstanceOf(AddThirdPartyDto);
  });

  it('names the field at fault: email, empty categories, empty name', async () => {
    expect(await fieldsOf({ ...valid, email: 'not-an-address' })).toEqual(['email']);
    expect(await fieldsOf({ ...valid, categories: [] })).toEqual(['categories']);
    expect(await fieldsOf({ ...valid, categories: ['ok', ''] })).toEqual(['categories']);
    expect(await fieldsOf({ ...valid, name: '' })).toEqual(['name']);
    expect(await fieldsOf({ email: valid.email })).toEqual(['categories', 'name']);
  });

  it('refuses unknown fields and never echoes values', async () => {
    expect(await fieldsOf({ ...valid, status: 'confirmed' })).toEqual(['status']);
    try {
      await validate({ ...valid, email: 'secret-person@@x' });
      throw new Error('expected a validation error');
    } catch (error) {
      expect(JSON.stringify((error as { getResponse(): unknown }).getResponse())).not.toContain('secret-person');
    }
  });
});
