/** The body of every error answer of the admin API (its exception filter). */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  /** Validation errors: the fields at fault (values are never echoed). */
  fields?: Array<{ field: string; reason: string }>;
}

/** The error body of a failed call, or a stand-in when the answer was not the API's JSON. */
export function readApiError(status: number, error: unknown): ApiErrorBody {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const body = error as Partial<ApiErrorBody>;
    return { statusCode: status, code: String(body.code), message: String(body.message), ...(Array.isArray(body.fields) ? { fields: body.fields } : {}) };
  }
  return { statusCode: status, code: `HTTP_${status}`, message: typeof error === 'string' && error.length < 500 ? error : `HTTP ${status}` };
}
