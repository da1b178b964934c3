export {
  CANONICAL_COLUMNS,
  SENSITIVE_COLUMNS,
  CHINESE_COLUMN_NAMES,
  canonicalColumn,
  cleanHeaderName,
  isInventoryColumn,
  isSensitiveColumn,
  mapHeader,
  assignColumnValue,
  isExportOnlyColumn,
  RAW_LINE_COLUMN,
  REJECTION_EXPORT_COLUMNS,
  REJECTION_ID_COLUMN,
} from './columns';
export type { CanonicalColumn, SensitiveColumn, InventoryColumn, HeaderColumn, HeaderMapping } from './columns';

export { REJECTION_REASONS, ROW_FIELD } from './rejection-reasons';
export type { RejectionReason, FieldError } from './rejection-reasons';

export { parseDate, isMinor, ageAt, daysBetween, isValidCalendarDate } from './dates';
export type { ParseDateOptions } from './dates';

export { validateIdNumber, birthDateFromId, idNumberCheckChar, upgradeLegacyIdNumber } from './id-number';
export type { IdNumberValidation } from './id-number';

export { isEmail, parsePhone, normalisePhone, isPhone, luhn, validateBankCard } from './validators';
export type { PhoneKind, ParsedPhone, BankCardValidation } from './validators';

export {
  SENSITIVE_CATEGORIES,
  DEFAULT_TIER_RULES,
  MINOR_AGE_THRESHOLD,
  classify,
  tierOf,
  splitProducts,
  productSlug,
  productLines,
} from './classification';
export type {
  SensitiveCategory,
  CustomerTier,
  TierRules,
  ClassificationInput,
  ClassifyOptions,
  Classification,
} from './classification';

export { validateRow, parseCustomerType, parseAmount } from './row-validation';
export type {
  CustomerType,
  PersonalFields,
  ValidatedCustomer,
  RowContext,
  RowValidation,
  InventoryRecord,
} from './row-validation';
