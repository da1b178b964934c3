import { Schema, type SchemaDefinition } from 'mongoose';

const REQUIRED_TYPES = { String, Number, Date, Boolean, Mixed: Schema.Types.Mixed } as const;

/** The required fields of a collection's documents, by type: one line per type instead of one per field. */
export type RequiredFields<T> = Partial<Record<keyof typeof REQUIRED_TYPES, ReadonlyArray<keyof T & string>>>;

/** The schema options the collections use (no `__v`: documents are replaced or inserted whole). */
export interface CollectionOptions {
  collection: string;
  minimize?: boolean;
}

/**
 * A collection's schema: the required fields listed by type (each becomes `{type, required: true}`),
 * the others in mongoose's own notation (optional fields, enums, arrays, sub-documents).
 */
export function collectionSchema<T>(required: RequiredFields<T>, fields: SchemaDefinition, options: CollectionOptions) {
  const definition: SchemaDefinition = {};
  for (const [type, names] of Object.entries(required) as Array<[keyof typeof REQUIRED_TYPES, ReadonlyArray<string>]>) {
    for (const name of names) definition[name] = { type: REQUIRED_TYPES[type], required: true };
  }
  return new Schema<T>({ ...definition, ...fields } as SchemaDefinition<T>, { versionKey: false, ...options });
}
