import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../setup/test-db';
import { addUser, org, seedSmallOrg } from '../setup/small-org';
import { openDatabase } from '@/db/client';
import { first } from '@/db/engine';
import { alertDeliveries, alerts } from '@/db/schema';
import { attemptsOf } from '@/db/delivery/deliveries';
import { setUserEmail } from '@/db/auth/users-email';
import { alertDelivery } from '@/jobs/alert-delivery';
import { backoffMs } from '@/features/delivery/deliver';
import { verifySignature } from '@/platform/delivery/sign';
import type { DeliveryConfig } from '@/platform/delivery/config';
import { updateDeliveryRoutes, defaultDeliveryRoutes } from '@/features/delivery/routes';

// Delivery end to end: a real SMTP server and a real HTTP receiver, both started here.
const SECRET = 'a-webhook-secret-for-tests';
let t: TestDb;
let officeId: number;
const mails: { to: string[]; alert: string; subject: string }[] = [];
const hooks: { body: string; headers: http.IncomingHttpHeaders }[] = [];
let smtp: SMTPServer;
let receiver: http.Server;
let flaky: http.Server;
let flakyCalls = 0;
let config: DeliveryConfig;

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}
function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (data += c));
    req.on('end', () => resolve(data));
  });
}
async function addAlert(unitId: number | null, colour: 'blue' | 'yellow' | 'orange' | 'red', firedAt: Date, key: string): Promise<number> {
  const row = first(
    await db()
      .insert(alerts)
      .values({
        rule: 'incident.serious',
        subjectKind: 'incident',
        subjectKey: key,
        period: '2026-11',
        colour,
        unitId,
        messageZh: `预警 ${key}`,
        messageEn: `Alert ${key}`,
        firedAt,
      })
      .returning({ id: alerts.id }),
  );
  return row!.id;
}
const db = () => t.db;
const now = new Date('2026-11-23T02:00:00Z');

beforeAll(async () => {
  t = await createTestDb();
  await seedSmallOrg(t.db);
  officeId = await addUser(t.db, 'd.office', 'office', 'HX');
  await addUser(t.db, 'd.leader', 'leader', 'HX');
  await addUser(t.db, 'd.bj', 'branch_officer', 'BJ');
  await addUser(t.db, 'd.sh', 'branch_officer', 'SH');
  await addUser(t.db, 'd.nomail', 'office', 'HX');
  for (const [login, email] of [
    ['d.office', 'office@example.org'],
    ['d.leader', 'Leader@Example.org'],
    ['d.bj', 'bj@example.org'],
    ['d.sh', 'sh@example.org'],
  ])
    await setUserEmail(t.db, login!, email!);

  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          alert: /X-Fenghuo-Alert: (\d+)/.exec(raw)?.[1] ?? '',
          // RFC 2047 encoded words, as nodemailer writes a non-ASCII subject.
          subject: (/^Subject: (.*)$/m.exec(raw)?.[1] ?? '').replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/gi, (_, b64: string) =>
            Buffer.from(b64, 'base64').toString('utf8'),
          ),
        });
        callback();
      });
    },
  });
  const smtpPort = await new Promise<number>((resolve) =>
    smtp.listen(0, '127.0.0.1', () => resolve((smtp.server.address() as AddressInfo).port)),
  );
  receiver = http.createServer((req, res) => {
    void readBody(req).then((body) => {
      hooks.push({ body, headers: req.headers });
      res.writeHead(204).end();
    });
  });
  const hookPort = await listen(receiver);
  flaky = http.createServer((req, res) => {
    void readBody(req).then(() => {
      flakyCalls++;
      res.writeHead(flakyCalls <= 2 ? 503 : 200).end('ok');
    });
  });
  await listen(flaky);
  config = {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    mailFrom: '烽火 <fenghuo@example.org>',
    webhookUrl: `http://127.0.0.1:${hookPort}/hook`,
    webhookSecret: SECRET,
  };
});
afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
  receiver.close();
  flaky.close();
  t.close();
});

describe('alert delivery', () => {
  it('mails each configured role within its scope and posts a signed webhook, each exactly once, however often the job runs', async () => {
    const red = await addAlert(org.BJ01_D1, 'red', now, 'red-bj');
    const yellow = await addAlert(org.SH01, 'yellow', now, 'yellow-sh');
    const other = openDatabase(t.file);
    // Two processes at once, then again twice.
    await Promise.all([alertDelivery(t.db, now, config), alertDelivery(other, now, config)]);
    await alertDelivery(other, new Date(now.getTime() + 60_000), config);
    await alertDelivery(t.db, new Date(now.getTime() + 120_000), config);
    other.close();

    const got = (alertId: number) =>
      mails
        .filter((m) => m.alert === String(alertId))
        .flatMap((m) => m.to)
        .sort();
    // Red in a Beijing department: the office (all colours), leadership (orange+red), Beijing's officer.
    expect(got(red)).toEqual(['bj@example.org', 'leader@example.org', 'office@example.org']);
    // Yellow in SH01: only the office; Shanghai's officer receives orange and red only, Beijing's is out of scope.
    expect(got(yellow)).toEqual(['office@example.org']);
    expect(mails.find((m) => m.alert === String(red))!.subject).toMatch(/烽火预警/);

    const bodies = hooks.map((h) => JSON.parse(h.body) as { idempotencyKey: string; alert: { id: number; colour: string } });
    expect(bodies.map((b) => b.alert.id).sort()).toEqual([red, yellow].sort());
    for (const h of hooks) {
      expect(verifySignature(h.body, h.headers['x-fenghuo-signature'] as string, SECRET)).toBe(true);
      expect(verifySignature(h.body, h.headers['x-fenghuo-signature'] as string, 'another-secret-of-16+')).toBe(false);
      expect(h.headers['x-fenghuo-timestamp']).toMatch(/^\d{10}$/);
      expect(h.headers['idempotency-key']).toBe(JSON.parse(h.body).idempotencyKey);
    }
    const rows = await t.db.select().from(alertDeliveries);
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
  });

  it('retries a failing receiver with backoff until it accepts, recording every attempt; it gets the alert once', async () => {
    const start = new Date(now.getTime() + 3_600_000);
    const at = (ms: number) => new Date(start.getTime() + ms);
    await updateDeliveryRoutes(t.db, officeId, { ...defaultDeliveryRoutes, roles: {} }, new Date()); // webhook only
    const cfg = { ...config, webhookUrl: `http://127.0.0.1:${(flaky.address() as AddressInfo).port}/hook` };
    const id = await addAlert(org.BJ02, 'orange', start, 'flaky');

    expect(await alertDelivery(t.db, at(0), cfg)).toEqual({ delivered: 0, failed: 1 });
    expect(await alertDelivery(t.db, at(backoffMs(1) - 1), cfg)).toEqual({ delivered: 0, failed: 0 }); // not due yet
    expect(await alertDelivery(t.db, at(backoffMs(1)), cfg)).toEqual({ delivered: 0, failed: 1 });
    expect(backoffMs(2)).toBe(2 * backoffMs(1));
    expect(await alertDelivery(t.db, at(backoffMs(1) + backoffMs(2)), cfg)).toEqual({ delivered: 1, failed: 0 });
    expect(await alertDelivery(t.db, at(86_400_000), cfg)).toEqual({ delivered: 0, failed: 0 });
    expect(flakyCalls).toBe(3);

    const row = await t.db.select().from(alertDeliveries).where(eq(alertDeliveries.alertId, id));
    expect(row).toHaveLength(1);
    expect([row[0]!.status, row[0]!.attempts, row[0]!.channel]).toEqual(['delivered', 3, 'webhook']);
    const attempts = await attemptsOf(t.db, row[0]!.id);
    expect(attempts.map((a) => [a.attempt, a.ok])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(attempts[0]!.error).toMatch(/HTTP 503/);
  });

  it('a send claimed by a process that died is retried after its lease, once', async () => {
    await updateDeliveryRoutes(t.db, officeId, defaultDeliveryRoutes, new Date());
    const id = await addAlert(org.SH01, 'blue', new Date(now.getTime() + 7_200_000), 'crash');
    const { enqueueAlertDeliveries } = await import('@/features/delivery/deliver');
    const { claimDueDeliveries } = await import('@/db/delivery/deliveries');
    const t1 = new Date(now.getTime() + 7_200_000);
    await enqueueAlertDeliveries(t.db, t1, config);
    // A process claims the rows and dies before sending.
    expect((await claimDueDeliveries(t.db, t1, 50, 300_000)).length).toBeGreaterThan(0);
    expect(await alertDelivery(t.db, new Date(t1.getTime() + 299_000), config)).toEqual({ delivered: 0, failed: 0 });
    const sent = await alertDelivery(t.db, new Date(t1.getTime() + 300_000), config);
    expect(sent.delivered).toBe(2); // the office's e-mail and the webhook
    expect(mails.filter((m) => m.alert === String(id))).toHaveLength(1);
  });
});

describe('routes', () => {
  it('the office’s change of who receives what is stored and audited, and decides the next alert’s recipients', async () => {
    const { updateDeliveryRoutes, deliveryRoutes } = await import('@/features/delivery/routes');
    const { auditLog } = await import('@/db/schema');
    const office = (await (await import('@/db/auth/auth')).userByLogin(t.db, 'd.office'))!;
    await updateDeliveryRoutes(t.db, office.id, { roles: { leader: ['blue'] }, webhook: [] }, now);
    expect(await deliveryRoutes(t.db)).toEqual({ roles: { leader: ['blue'] }, webhook: [] });
    const entry = (await t.db.select().from(auditLog)).at(-1)!;
    expect([entry.action, entry.actorUserId]).toEqual(['delivery.routes', office.id]);
    const id = await addAlert(org.SH01, 'blue', new Date(now.getTime() + 9_000_000), 'routes');
    await alertDelivery(t.db, new Date(now.getTime() + 9_000_000), config);
    expect((await t.db.select().from(alertDeliveries).where(eq(alertDeliveries.alertId, id))).map((r) => r.recipient)).toEqual([
      'leader@example.org',
    ]);
  });
});
