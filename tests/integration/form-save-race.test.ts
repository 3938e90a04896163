import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Actor } from '@/domain/auth/actor';
import type { Tx } from '@/db/tx';
import { serverDbFile } from '../setup/server-db-file';

// The record form reads the record, then saves through the write queue; with the async data layer other
// writes can commit in between (review of issue 15). What the form checks (a new record must not update
// another's, an edited record must still be editable) is checked inside the write transaction, so a write
// committed while the save waited for its turn counts. Each case holds the write queue with the other
// write, starts the save, lets the other write commit, and looks at what the save did.
const server = serverDbFile('fenghuo-form-race-');
const { who } = await import('../setup/request-mocks');
const { getDb } = await import('@/db/client');
const { serverSmallOrg, userWithToken } = await import('../setup/server-small-org');
const { saveRecordAction } = await import('@/server/actions/records');
const { submitRecords, submitWithin } = await import('@/features/records/submit');
const { hazards } = await import('@/db/schema');
const fx = await import('../setup/seal-fixtures');

const db = getDb();
const now = new Date('2026-03-20T10:00:00+08:00');
let manager: Actor;
let office: Actor;

beforeAll(async () => {
  await serverSmallOrg(new Date('2026-03-04T09:30:00+08:00'));
  manager = (await userWithToken(db, 'race.manager', 'unit_manager', 'BJ01', 't')).actor;
  office = (await userWithToken(db, 'race.office', 'office', 'HX', 't')).actor;
});
afterAll(() => {
  db.close();
  server.remove();
});

function form(values: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}

/**
 * Holds the write queue with a transaction that does `other` and commits it once the save has read what it
 * reads and is waiting for its turn: the other write commits between the form's reads and its write. The
 * write is done before the wait, so that on PostgreSQL, where writers do not queue, the save meets it
 * uncommitted (its row and unique-key locks held), as two servers' writes meet.
 */
async function whileSaving<T>(other: (tx: Tx) => Promise<void>, save: () => Promise<T>): Promise<T> {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const holding = db.transaction(async (tx) => {
    await other(tx);
    await gate;
  });
  const saving = save();
  // The form's reads are on the read-only connection and do not wait; give them time to finish.
  await new Promise((resolve) => setTimeout(resolve, 300));
  open();
  await holding;
  return saving;
}

const hazardRow = async (externalId: string) => (await db.select().from(hazards).where(eq(hazards.externalId, externalId)))[0];

it('a new record whose reference another write took while the form saved is refused, not merged into that record', async () => {
  const item: Record<string, unknown> = { ...fx.fixture('hazards', 'open'), status: 'open', rectifiedAt: undefined };
  const answer = await whileSaving(
    async (tx) => {
      await submitWithin(tx, office, 'hazards', [{ ...item, severity: 'general' }], { now, source: 'api' });
    },
    async () => {
      who.actor = manager;
      who.locale = 'en';
      return saveRecordAction(null, form({ ...fx.formOf('hazards', item, 0)!, id: '' }));
    },
  );
  expect(answer).toMatchObject({ ok: false, fieldErrors: { externalId: expect.stringContaining(String(item.externalId)) } });
  // The other write's record is as it wrote it.
  expect(await hazardRow(String(item.externalId))).toMatchObject({ severity: 'general' });
});

it('an edit of a record withdrawn while the form saved is refused, and the record stays withdrawn', async () => {
  const item: Record<string, unknown> = { ...fx.fixture('hazards', 'open'), status: 'open', rectifiedAt: undefined };
  const id = (await submitRecords(db, office, 'hazards', [item], { now, source: 'api' })).ids[0]!;
  const answer = await whileSaving(
    async (tx) => {
      await tx.update(hazards).set({ status: 'withdrawn' }).where(eq(hazards.id, id));
    },
    async () => {
      who.actor = manager;
      who.locale = 'en';
      return saveRecordAction(null, form(fx.formOf('hazards', { ...item, severity: 'general' }, id)!));
    },
  );
  expect(answer).toMatchObject({ ok: false });
  expect(await hazardRow(String(item.externalId))).toMatchObject({ status: 'withdrawn', severity: 'major' });
});
