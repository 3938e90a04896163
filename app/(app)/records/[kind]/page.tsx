import { getLocale, getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { kindStatuses } from '@/db/records/filters';
import { listRecords } from '@/db/records/list';
import { isRecordKind, recordKinds } from '@/db/records/record-kinds';
import { listDimensions, listDomains } from '@/db/reference/reference';
import { listUnitsInScope } from '@/db/units/units';
import { requireActor } from '@/server/auth/current-actor';
import { recordKindOrNotFound, type RecordKindPageProps } from '@/server/pages/record-kind-page';
import { canSubmitRecords } from '@/domain/auth/roles';
import { localName, toLocale } from '@/domain/i18n/locales';
import { DAY_MS } from '@/domain/time/shanghai';
import { parseInstant } from '@/domain/records/instant';
import { PageHeader } from '@/components/page-header';
import { scopeText } from '@/components/scope-text';
import { Pagination } from '@/components/pagination';
import { ListFilters } from '@/components/records/list-filters';
import { NewRecordLink, RecordListEmpty, RecordTable } from '@/components/records/record-table';
import { hasFilters, listHref, listQuerySchema, matrixCell, type ListQuery } from '@/components/records/list-query';
import type { RecordFilters } from '@/domain/records/list-options';

export async function generateMetadata({ params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  return { title: isRecordKind(kind) ? (await getTranslations('kinds'))(kind) : undefined };
}

const day = (text: string | undefined) => {
  if (!text) return undefined;
  const parsed = parseInstant(text);
  return parsed.ok ? parsed.value : undefined;
};

/** The list's address as the query's filters (the `to` day is included: the query's range ends before it). */
function filtersOf(query: ListQuery, now: Date): RecordFilters {
  const to = day(query.to);
  return {
    severity: query.severity,
    tier: query.tier,
    level: query.level,
    state: query.state,
    now,
    dimension: query.dimension,
    stage: query.stage,
    cell: matrixCell(query),
    from: day(query.from),
    to: to ? new Date(to.getTime() + DAY_MS) : undefined,
    q: query.q,
    sort: query.sort,
    dir: query.dir,
  };
}

export default async function RecordListPage({ params, searchParams }: RecordKindPageProps) {
  const actor = await requireActor();
  const kind = await recordKindOrNotFound(params);
  const query = listQuerySchema.parse(await searchParams);
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const db = getDb();
  const now = new Date();

  const units = await listUnitsInScope(db, actor.scope);
  const unit = units.find((u) => u.code === query.unit);
  const statuses = kindStatuses[kind];
  const hasDomain = recordKinds[kind].domain !== null;
  // Assessments have no domain of their own but can be filtered by their project's.
  const filtersDomain = hasDomain || kind === 'assessments';
  const result = await listRecords(db, actor.scope, kind, {
    ...filtersOf(query, now),
    page: query.page,
    status: query.status && statuses.includes(query.status) ? query.status : undefined,
    domain: filtersDomain ? query.domain : undefined,
    unitPath: unit?.path,
  });
  const domains = await listDomains(db);
  const dimensions = await listDimensions(db);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const canWrite = canSubmitRecords(actor.role);

  return (
    <div>
      <PageHeader title={t(`kinds.${kind}`)} subtitle={await scopeText(actor)}>
        {canWrite ? <NewRecordLink kind={kind} /> : null}
      </PageHeader>
      <ListFilters
        kind={kind}
        query={query}
        statuses={statuses}
        domains={filtersDomain ? domains : null}
        units={units}
        dimensions={dimensions}
      />
      {result.total === 0 ? (
        <RecordListEmpty kind={kind} filtered={hasFilters(query)} canWrite={canWrite} />
      ) : (
        <>
          <RecordTable
            kind={kind}
            query={query}
            rows={result.rows}
            domainNames={hasDomain ? new Map(domains.map((d) => [d.code, localName(locale, d)])) : null}
            locale={locale}
            now={now}
          />
          <Pagination
            page={result.page}
            pages={pages}
            hrefFor={(p) => listHref(kind, query, { page: p })}
            labels={{
              previous: t('records.previous'),
              next: t('records.next'),
              showing: t('records.showing', { total: result.total, page: result.page, pages }),
            }}
          />
        </>
      )}
    </div>
  );
}
