import { collectionSchema } from './collection-schema';

interface Sample {
  _id: string;
  count: number;
  at: Date;
  open: boolean;
  body: unknown;
  note?: string;
}

describe('collectionSchema', () => {
  const schema = collectionSchema<Sample>(
    { String: ['_id'], Number: ['count'], Date: ['at'], Boolean: ['open'], Mixed: ['body'] },
    { note: String },
    { collection: 'samples' },
  );

  it('makes each listed field required with its type', () => {
    expect(Object.fromEntries(['_id', 'count', 'at', 'open', 'body'].map((name) => [name, [schema.path(name).instance, schema.path(name).isRequired]]))).toEqual({
      _id: ['String', true],
      count: ['Number', true],
      at: ['Date', true],
      open: ['Boolean', true],
      body: ['Mixed', true],
    });
  });

  it('keeps the other fields as given, and the options', () => {
    expect([schema.path('note').instance, schema.path('note').isRequired ?? false]).toEqual(['String', false]);
    expect(schema.get('collection')).toBe('samples');
    expect(schema.get('versionKey')).toBe(false);
  });
});
