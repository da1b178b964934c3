import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldError {
  field: string;
  reason: string;
}

/** 400 `{statusCode, code: VALIDATION_FAILED, message, fields}`: every field at fault, never a value. */
export function validationFailed(fields: readonly FieldError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    message: `invalid request: ${[...new Set(fields.map((f) => f.field))].join(', ')}`,
    fields: [...fields],
  });
}

/** The same answer for one field. */
export const invalidField = (field: string, reason: string): BadRequestException => validationFailed([{ field, reason }]);

/** Flattens class-validator errors to `{field, reason}` with dotted paths; values are never echoed. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason: reason.replace(/^\S+\s/, '') }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Whitelists DTO fields and rejects unknown ones; 400 names every field at fault. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
