import { BadRequestException, HttpStatus, InternalServerErrorException, NotFoundException } from '@nestjs/common';
import { AppError } from './app-error';
import { errorBody, safeFieldPath } from './error-body';

describe('errorBody', () => {
  it('passes our own errors, replacing path values that are not ids of ours', () => {
    expect(errorBody(AppError.notFound('case', 'cs_AbC123xyz'), { id: 'cs_AbC123xyz' })).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'case cs_AbC123xyz not found' });
    expect(errorBody(AppError.notFound('case', '13812345678'), { id: '13812345678' })).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'case {id} not found' });
    expect(errorBody(AppError.conflict('GATE_NOT_PENDING', 'gate inventory is not pending'), { gate: 'inventory' }).message).toBe('gate inventory is not pending');
    expect(errorBody(new AppError('IMPORT_RUNNING', 'try again', HttpStatus.CONFLICT))).toEqual({ statusCode: 409, code: 'IMPORT_RUNNING', message: 'try again' });
  });

  it('gives framework errors a code and a fixed message: their texts quote input', () => {
    expect(errorBody(new NotFoundException('Cannot GET /v1/wang@example.cn'))).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'no such route' });
    expect(errorBody(new BadRequestException(`Unexpected token 'w', "wang@example.cn" is not valid JSON`))).toEqual({
      statusCode: 400, code: 'MALFORMED_JSON', message: 'the body is not valid JSON (an object is expected)',
    });
    expect(errorBody(new BadRequestException("Failed to decode param '%E0%A4%A'"))).toMatchObject({ code: 'MALFORMED_PATH' });
    expect(errorBody(new BadRequestException('Validation failed (enum string is expected)'))).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'Validation failed (enum string is expected)' });
    expect(errorBody(new BadRequestException('anything else: wang@example.cn'))).toEqual({ statusCode: 400, code: 'BAD_REQUEST', message: 'bad request' });
    expect(errorBody(Object.assign(new Error('too many parameters'), { status: 413, expose: true, type: 'parameters.too.many' }))).toEqual({
      statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'payload too large',
    });
    expect(errorBody({ type: 'entity.parse.failed', status: 400, expose: true })).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
  });

  it('says nothing about anything else', () => {
    expect(errorBody(new TypeError('wang@example.cn'))).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'internal error' });
    expect(errorBody(new InternalServerErrorException('db said wang@example.cn'))).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'internal error' });
    expect(errorBody('a string')).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'internal error' });
    expect(errorBody(Object.assign(new Error('x'), { status: 502, expose: false }))).toMatchObject({ statusCode: 500 });
  });

  it('quotes field paths only when every segment is a plain name', () => {
    expect(safeFieldPath('transferor.name')).toBe('transferor.name');
    expect(safeFieldPath('kind.$gt')).toBe('kind.$gt');
    expect(safeFieldPath('policy.reminders.0')).toBe('policy.reminders.0');
    expect(safeFieldPath('wang.li@example.cn')).toBe('(unnamed)');
    expect(safeFieldPath('地址')).toBe('(unnamed)');
  });
});
