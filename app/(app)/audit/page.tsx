import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { auditFacets, listAudit, verifyAuditChain } from '@/db/audit/audit-log';
import { isRecordKind } from '@/db/records/record-kinds';
import { requireActor } from '@/server/auth/current-actor';
import { canReadAudit } from '@/domain/auth/roles';
import { formatDateTime } from '@/domain/time/shanghai';
import { PageHeader } from '@/components/page-header';
import { Pagination } from '@/components/pagination';
import { Refusal } from '@/components/refusal';

export async function generateMetadata() {
  return { title: (await getTranslations('audit'))('title') };
}

const PAGE_SIZE = 50;

/** Changed fields as "field: before → after", short enough for a table cell. */
function changeText(before: unknown, after: unknown): string {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => k !== 'source');
  const show = (v: unknown) =>
    v === undefined ? '' : typeof v === 'object' && v !== null ? JSON.stringify(v).slice(0, 60) : String(v).slice(0, 60);
  return keys
    .slice(0, 8)
    .map((k) => (before ? `${k}: ${show(b[k])} → ${show(a[k])}` : `${k}: ${show(a[k])}`))
    .join('; ');
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  if (!canReadAudit(actor.role))
    return <Refusal testId="refusal" title={t('audit.title')} body={t('audit.notAllowed')} homeLabel={t('refusal.home')} />;
  const q = await searchParams;
  const db = getDb();
  const facets = await auditFacets(db);
  const entityKind = q.kind && facets.entityKinds.includes(q.kind) ? q.kind : undefined;
  const action = q.action && facets.actions.includes(q.action) ? q.action : undefined;
  const page = Math.max(1, Number(q.page) || 1);
  const [{ total, rows }, chain] = await Promise.all([
    listAudit(db, { page, pageSize: PAGE_SIZE, entityKind, action }),
    verifyAuditChain(db),
  ]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (p: number) =>
    `/audit?${new URLSearchParams({ ...(entityKind ? { kind: entityKind } : {}), ...(action ? { action } : {}), page: String(p) })}`;
  return (
    <div className="space-y-4">
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <p
        data-testid="audit-chain"
        className={`rounded-lg border p-3 text-sm ${chain.ok ? 'border-green-200 bg-green-50 text-green-900' : 'border-red-300 bg-red-50 text-red-900'}`}
      >
        {chain.ok ? `✓ ${t('audit.intact', { n: chain.entries })}` : `✗ ${t('audit.broken', { id: chain.brokenAt!.id })}`}
      </p>
      <AuditFilters facets={facets} entityKind={entityKind} action={action} />
      <AuditTable rows={rows} />
      <Pagination
        page={page}
        pages={pages}
        hrefFor={href}
        labels={{ previous: t('audit.previous'), next: t('audit.next'), showing: t('audit.showing', { total, page, pages }) }}
      />
    </div>
  );
}

/** Filters by what was changed and how: only the kinds and actions the log holds. */
async function AuditFilters({
  facets,
  entityKind,
  action,
}: {
  facets: Awaited<ReturnType<typeof auditFacets>>;
  entityKind?: string;
  action?: string;
}) {
  const t = await getTranslations();
  return (
    <form className="flex flex-wrap items-end gap-3 text-sm">
      <select name="kind" defaultValue={entityKind ?? ''} className="rounded border-gray-300 text-sm">
        <option value="">{t('audit.allKinds')}</option>
        {facets.entityKinds.map((k) => (
          <option key={k} value={k}>
            {isRecordKind(k) ? t(`kinds.${k}`) : k}
          </option>
        ))}
      </select>
      <select name="action" defaultValue={action ?? ''} className="rounded border-gray-300 text-sm">
        <option value="">{t('audit.allActions')}</option>
        {facets.actions.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </select>
      <button type="submit" className="rounded border border-gray-300 bg-white px-3 py-1.5">
        {t('audit.filter')}
      </button>
    </form>
  );
}

/** One row per entry: when, who, what, on which record or unit, and the fields it changed. */
async function AuditTable({ rows }: { rows: Awaited<ReturnType<typeof listAudit>>['rows'] }) {
  const t = await getTranslations();
  return rows.length === 0 ? (
    <p className="rounded-lg border border-gray-200 bg-white p-6 text-sm text-gray-600">{t('audit.empty')}</p>
  ) : (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="audit-list">
        <thead className="border-b border-gray-200 bg-gray-50 text-gray-600">
          <tr>
            <th className="px-3 py-2 font-medium">#</th>
            <th className="px-3 py-2 font-medium">{t('audit.at')}</th>
            <th className="px-3 py-2 font-medium">{t('audit.actor')}</th>
            <th className="px-3 py-2 font-medium">{t('audit.action')}</th>
            <th className="px-3 py-2 font-medium">{t('audit.entity')}</th>
            <th className="px-3 py-2 font-medium">{t('audit.unit')}</th>
            <th className="px-3 py-2 font-medium">{t('audit.change')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {rows.map((r) => (
            <tr key={r.id} className="align-top">
              <td className="px-3 py-2 tabular-nums text-gray-500">{r.id}</td>
              <td className="whitespace-nowrap px-3 py-2 tabular-nums">{formatDateTime(r.at)}</td>
              <td className="px-3 py-2">{r.actorLogin ?? '—'}</td>
              <td className="px-3 py-2 font-mono text-xs">{r.action}</td>
              <td className="px-3 py-2">
                {isRecordKind(r.entityKind) && r.entityId ? (
                  <Link href={`/records/${r.entityKind}/${r.entityId}`} className="text-blue-700 hover:underline">
                    {t(`kinds.${r.entityKind}`)} #{r.entityId}
                  </Link>
                ) : (
                  `${r.entityKind}${r.entityId ? ` #${r.entityId}` : ''}`
                )}
              </td>
              <td className="px-3 py-2">{r.unitCode ?? '—'}</td>
              <td className="max-w-md break-words px-3 py-2 text-xs text-gray-700">{changeText(r.before, r.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
