/**
 * The catalogue of error codes the HTTP services answer with (`{statusCode, code, message}`), one
 * union per area, UPPER_SNAKE_CASE. Workflow failures that reach a client (an update refused by
 * the workflow) use the same codes as their ApplicationFailure type. docs/api.md lists them by
 * status; test/docs/error-codes.spec.ts keeps the two in step.
 */
export const REQUEST_ERROR_CODES = [
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'BODY_NOT_OBJECT',
  'BODY_TOO_LARGE',
  'MALFORMED_BODY',
  'MALFORMED_JSON',
  'MALFORMED_PATH',
  'INVALID_PATH_PARAMETER',
  'INVALID_CONTENT_LENGTH',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNSUPPORTED_CHARSET',
  'UNSUPPORTED_CONTENT_ENCODING',
  'REQUEST_ABORTED',
  'NOT_FOUND',
  'RATE_LIMITED',
  'CONSOLE_NOT_BUILT',
  'INTERNAL',
] as const;

export const AUTH_ERROR_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'TOO_MANY_AUTH_FAILURES', 'CSRF_INVALID', 'CROSS_ORIGIN_FORM', 'CORS_ORIGIN_NOT_ALLOWED', 'TEAM_EXISTS'] as const;

export const CASE_ERROR_CODES = [
  'CASE_ALREADY_STARTED',
  'CASE_STARTED',
  'CASE_CANCELLED',
  'CASE_NOT_CANCELLABLE',
  'CASE_HANDED_OVER',
  'CASE_CLOSED',
  'CASE_NOT_DRAFT',
  'CASE_KEY_SHREDDED',
  'GATE_NOT_PENDING',
  'GATE_UNKNOWN',
  'GATE_REJECTED',
  'GATE_NOT_REJECTABLE',
  'REPORT_NOT_READY',
  'ANNOUNCEMENT_NOT_READY',
  'CROSS_BORDER_MECHANISM_MISSING',
] as const;

export const INVENTORY_ERROR_CODES = ['INVENTORY_EMPTY', 'INVENTORY_CLOSED', 'IMPORT_RUNNING', 'EMPTY_UPLOAD', 'UPLOAD_TOO_LARGE'] as const;

export const HANDOVER_ERROR_CODES = [
  'PACKAGE_NOT_READY',
  'PACKAGE_FILES_MISSING',
  'NO_GENERATED_KEY',
  'PRIVATE_KEY_FETCHED',
  'ACKNOWLEDGEMENT_NOT_OVERDUE',
  'ACKNOWLEDGED',
  'ACKNOWLEDGEMENT_OVERRIDDEN',
] as const;

export const REQUEST_CASE_ERROR_CODES = ['REQUEST_ALREADY_RESOLVED', 'REQUEST_ALREADY_EXTENDED', 'CALENDAR_NOT_COVERED'] as const;

export const INCIDENT_ERROR_CODES = ['INCIDENT_ASSESSING', 'INCIDENT_NOT_OPEN', 'CLOCK_OVERRIDES_NOT_ALLOWED', 'INVALID_TIME', 'TASK_UNKNOWN', 'TASK_WAITING', 'TASK_DONE', 'TASK_REJECTED'] as const;

/** The portal's answers refused by the rules (409): a customer's answer, a third party's confirmation. */
export const ANSWER_ERROR_CODES = ['NO_ANSWER_EXPECTED', 'WRONG_DECISION_FOR_ROUTE', 'DEADLINE_PASSED', 'NOTHING_TO_WITHDRAW', 'CONSENT_GIVEN'] as const;
export const THIRD_PARTY_ANSWER_ERROR_CODES = ['ALREADY_ANSWERED', 'NOT_REQUESTED'] as const;

export const CODEC_ERROR_CODES = ['UNDECODABLE_PAYLOAD', 'UNKNOWN_NAMESPACE'] as const;

/** Sign-in of people through OpenID Connect (/auth/login, /auth/callback, /auth/device). */
export const OIDC_ERROR_CODES = [
  'OIDC_NOT_CONFIGURED',
  'OIDC_LOGIN_EXPIRED',
  'OIDC_LOGIN_FAILED',
  'OIDC_ACCESS_DENIED',
  'OIDC_ROLE_UNKNOWN',
  'OIDC_TEAM_UNKNOWN',
  'OIDC_DEVICE_CODE_UNKNOWN',
  'OIDC_PROVIDER_UNAVAILABLE',
] as const;

export type RequestErrorCode = (typeof REQUEST_ERROR_CODES)[number];
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];
export type CaseErrorCode = (typeof CASE_ERROR_CODES)[number];
export type InventoryErrorCode = (typeof INVENTORY_ERROR_CODES)[number];
export type HandoverErrorCode = (typeof HANDOVER_ERROR_CODES)[number];
export type RequestCaseErrorCode = (typeof REQUEST_CASE_ERROR_CODES)[number];
export type IncidentErrorCode = (typeof INCIDENT_ERROR_CODES)[number];
export type AnswerErrorCode = (typeof ANSWER_ERROR_CODES)[number];
export type ThirdPartyAnswerErrorCode = (typeof THIRD_PARTY_ANSWER_ERROR_CODES)[number];
export type CodecErrorCode = (typeof CODEC_ERROR_CODES)[number];
export type OidcErrorCode = (typeof OIDC_ERROR_CODES)[number];

export type ErrorCode =
  | RequestErrorCode
  | AuthErrorCode
  | CaseErrorCode
  | InventoryErrorCode
  | HandoverErrorCode
  | RequestCaseErrorCode
  | IncidentErrorCode
  | AnswerErrorCode
  | ThirdPartyAnswerErrorCode
  | CodecErrorCode
  | OidcErrorCode;

export const ERROR_CODES: readonly ErrorCode[] = [
  ...REQUEST_ERROR_CODES,
  ...AUTH_ERROR_CODES,
  ...CASE_ERROR_CODES,
  ...INVENTORY_ERROR_CODES,
  ...HANDOVER_ERROR_CODES,
  ...REQUEST_CASE_ERROR_CODES,
  ...INCIDENT_ERROR_CODES,
  ...ANSWER_ERROR_CODES,
  ...THIRD_PARTY_ANSWER_ERROR_CODES,
  ...CODEC_ERROR_CODES,
  ...OIDC_ERROR_CODES,
];

/** A workflow failure's type as a catalogue code, or `fallback` when it is not one (never an unknown string to a client). */
export function errorCodeOf(type: string | undefined | null, fallback: ErrorCode): ErrorCode {
  return type !== undefined && type !== null && (ERROR_CODES as readonly string[]).includes(type) ? (type as ErrorCode) : fallback;
}
