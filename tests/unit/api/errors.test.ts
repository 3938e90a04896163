import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { FieldProblem, Refusal } from '@/domain/errors';
import { translate } from '@/domain/i18n/translate';
import { SubmissionRefused } from '@/features/records/submit';
import { WritePoolFull } from '@/features/records/submit-off-thread';
import { actionFailure, ApiError, errorResponse } from '@/server/errors';

// The one error mapper (decision 044): each kind of failure, as the API answers it and as a form shows it.

const body = async (res: Response) => ({ status: res.status, retryAfter: res.headers.get('retry-after'), ...(await res.json()) });
const busyDatabase = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

describe('the API answer', () => {
  it('keeps an ApiError as raised', async () => {
    const res = await body(errorResponse(new ApiError('not_found', 'gone'), 'en'));
    expect(res).toMatchObject({ status: 404, error: { code: 'not_found', message: 'gone', details: [] } });
  });

  it('answers a role refusal 403 with the problem at (role), in the caller’s language', async () => {
    const res = await body(errorResponse(new Refusal('forbidden', [{ index: 0, field: '(role)', key: 'validation.officeOnly' }]), 'zh-CN'));
    expect(res).toMatchObject({
      status: 403,
      error: {
        code: 'forbidden',
        message: translate('zh-CN', 'api.forbiddenSubmission'),
        details: [{ index: 0, field: '(role)', message: translate('zh-CN', 'validation.officeOnly') }],
      },
    });
  });

  it('answers an invalid submission 422 counting every problem', async () => {
    const problems = [0, 1].map((index) => ({ index, field: 'tier', say: () => 'bad' }));
    const res = await body(errorResponse(new SubmissionRefused('invalid', problems), 'en'));
    expect(res.status).toBe(422);
    expect(res.error.message).toBe(translate('en', 'api.invalidSubmission', { n: 2 }));
    expect(res.error.details).toHaveLength(2);
  });

  it('answers a field problem 422 naming the field', async () => {
    const res = await body(errorResponse(new FieldProblem('login', 'validation.unknownUser', { login: 'x' }), 'en'));
    expect(res).toMatchObject({ status: 422, error: { code: 'validation_failed', details: [{ field: 'login' }] } });
  });

  it('answers a busy database or a full write pool 503 with Retry-After', async () => {
    expect(await body(errorResponse(busyDatabase, 'en'))).toMatchObject({
      status: 503,
      error: { code: 'busy', details: [{ field: '(database)' }] },
    });
    const pool = await body(errorResponse(new WritePoolFull(7), 'en'));
    expect(pool).toMatchObject({ status: 503, retryAfter: '7', error: { code: 'busy', details: [{ field: '(server)' }] } });
  });

  it('answers a ZodError 422 per field and anything else 500 without its message', async () => {
    const zod = z.object({ year: z.number() }).safeParse({ year: 'x' }).error!;
    expect(await body(errorResponse(zod, 'en'))).toMatchObject({ status: 422, error: { details: [{ field: 'year' }] } });
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await body(errorResponse(new Error('secret path /etc/x'), 'en'));
    expect(res).toMatchObject({ status: 500, error: { code: 'internal', message: translate('en', 'api.internal'), details: [] } });
    expect(JSON.stringify(res)).not.toContain('secret');
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});

describe('the form’s answer', () => {
  it('puts a field problem beside its field, even a (form) one', () => {
    expect(actionFailure(new FieldProblem('(form)', 'validation.officeOnly'), 'en')).toEqual({
      error: translate('en', 'actions.invalid'),
      fields: { '(form)': translate('en', 'validation.officeOnly') },
    });
  });

  it('puts refusals beside their fields and what concerns the whole record above the form', () => {
    const refused = new Refusal('invalid', [
      { field: 'tier', key: 'validation.officeOnly' },
      { field: 'tier', key: 'validation.readOnlyRole' },
      { field: '(record)', key: 'validation.reviewerOnly' },
    ]);
    expect(actionFailure(refused, 'en')).toEqual({
      error: translate('en', 'validation.reviewerOnly'),
      fields: { tier: `${translate('en', 'validation.officeOnly')} ${translate('en', 'validation.readOnlyRole')}` },
    });
    expect(actionFailure(new Refusal('forbidden', [{ field: 'unitCode', key: 'validation.officeOnly' }]), 'en').error).toBe(
      translate('en', 'actions.forbidden'),
    );
  });

  it('says busy, or unexpected (logged) for anything else', () => {
    expect(actionFailure(busyDatabase, 'en')).toEqual({ error: translate('en', 'actions.busy'), fields: {} });
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(actionFailure(new Error('boom'), 'en')).toEqual({ error: translate('en', 'actions.unexpected'), fields: {} });
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
