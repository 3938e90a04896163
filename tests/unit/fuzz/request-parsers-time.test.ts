import { describe, it } from 'vitest';
import { listQuerySchema } from '@/components/records/list-query';
import { itemFromForm, withBeijingOffset } from '@/features/records/form-spec';
import { alertRuleFields, alertRuleFormSchema } from '@/domain/rule-sets/alert-texts';
import { inboxQuerySchema } from '@/features/alerts/views/inbox';
import { readJsonBody } from '@/server/api/body';
import { apiLocale } from '@/server/api/locale';
import { instantParam } from '@/server/api/record-routes';
import { safeNext } from '@/domain/auth/safe-next';
import { loginSchema, newUserSchema } from '@/features/auth/users';
import { isMonth } from '@/domain/time/months';
import { dashboardQuerySchema } from '@/domain/dashboards/filters';
import { parseEnv } from '@/server/env';
import { parseInstant } from '@/domain/records/instant';
import { kindDefs } from '@/features/records/kinds';
import { unitInput } from '@/features/units/submit-units';
import { parseFontSpec } from '@/platform/pdf/resolve-fonts';
import { ruleSetFields, ruleSetFormSchema } from '@/domain/rule-sets/rating-texts';
import { clientAddressFrom } from '@/server/security/request-trust';
import { acceptsGzip } from '@/server/page-cache/handler';
import { fuzzTime } from './time-bound';

// Every parser of text that arrives in a request (bodies, query strings, form fields, headers) and of the
// operator's configuration, fed long adversarial strings: each must answer within a budget linear in its
// input, whether it accepts or refuses (issue 13 item 6).
const every = (names: readonly string[], text: string) => Object.fromEntries(names.map((n) => [n, text]));
// Header values cannot carry line breaks or NUL; a client sends everything else.
const headerSafe = (text: string) => text.replace(/[\r\n\0]/g, ' ');

describe('request parsers take time linear in their input', () => {
  it('instants: parseInstant and the query parameter', async () => {
    await fuzzTime('parseInstant', parseInstant);
    await fuzzTime('instantParam', (t) => instantParam.safeParse(t));
    await fuzzTime('withBeijingOffset', withBeijingOffset);
  });

  it('every record kind’s schema, every field at once', async () => {
    for (const def of Object.values(kindDefs)) {
      const fields = def.fields.map((f) => f.code);
      await fuzzTime(`${def.kind} schema`, (t) => def.schema.safeParse({ ...every(fields, t), dimensions: [every(fields, t)] }), {
        numRuns: 3,
      });
      await fuzzTime(`${def.kind} form`, (t) => itemFromForm(def.kind, every(fields, t), false), { numRuns: 3 });
    }
  });

  it('units, logins and new users', async () => {
    await fuzzTime('unitInput', (t) =>
      unitInput.safeParse(every(['code', 'name', 'nameEn', 'kind', 'parentCode', 'activeFrom', 'activeTo'], t)),
    );
    await fuzzTime('loginSchema', (t) => loginSchema.safeParse(t));
    await fuzzTime('newUserSchema', (t) => newUserSchema.safeParse(every(['login', 'password', 'role', 'unitCode', 'displayName'], t)));
  });

  it('the login `next` parameter', () => fuzzTime('safeNext', safeNext));

  it('list, dashboard and inbox filters, cursors and pages in the URL', async () => {
    await fuzzTime('listQuerySchema', (t) => listQuerySchema.safeParse(every(Object.keys(listQuerySchema.shape), t)));
    await fuzzTime('dashboardQuerySchema', (t) => dashboardQuerySchema.safeParse(every(Object.keys(dashboardQuerySchema.shape), t)));
    await fuzzTime('inboxQuerySchema', (t) => inboxQuerySchema.safeParse(every(Object.keys(inboxQuerySchema.shape), t)));
    await fuzzTime('isMonth', isMonth);
  });

  it('rule set forms (rating and alerts)', async () => {
    await fuzzTime(
      'ruleSetFormSchema',
      (t) =>
        ruleSetFormSchema.safeParse(
          every(
            ruleSetFields.map((f) => f.path),
            t,
          ),
        ),
      { numRuns: 5 },
    );
    await fuzzTime(
      'alertRuleFormSchema',
      (t) =>
        alertRuleFormSchema.safeParse(
          every(
            alertRuleFields.map((f) => f.name),
            t,
          ),
        ),
      { numRuns: 5 },
    );
  });

  it('JSON bodies (nesting check and parse)', () =>
    fuzzTime('readJsonBody', (t) => readJsonBody(new Request('http://x.test/', { method: 'POST', body: t }))));

  it('headers: Accept-Language, X-Forwarded-For, Accept-Encoding', async () => {
    await fuzzTime('apiLocale', (t) => apiLocale(new Request('http://x.test/', { headers: { 'accept-language': headerSafe(t) } })));
    await fuzzTime('clientAddressFrom', (t) =>
      clientAddressFrom(new Headers({ 'x-forwarded-for': headerSafe(t), 'x-real-ip': headerSafe(t) }), { trustProxy: true }),
    );
    await fuzzTime('acceptsGzip', acceptsGzip);
  });

  it('the operator’s configuration', async () => {
    await fuzzTime('parseEnv', (t) => parseEnv(every(['FENGHUO_ADMIN_LOGIN', 'FENGHUO_SMTP_URL', 'FENGHUO_WEBHOOK_URL', 'PORT'], t)), {
      numRuns: 5,
    });
    await fuzzTime('parseFontSpec', parseFontSpec);
  });
});
