import { getTranslations } from 'next-intl/server';
import { requireActor } from '@/server/auth/current-actor';
import { openApiDocument } from '@/server/api/openapi';
import { apiPaths } from '@/server/api/openapi-records';
import { describeFields, type FieldRow } from '@/server/api/describe-fields';
import { kindDefs } from '@/features/records/kinds';
import { recordKindCodes } from '@/db/records/record-kinds';
import { PageHeader } from '@/components/page-header';

export async function generateMetadata() {
  return { title: (await getTranslations('apiDocs'))('title') };
}

function FieldsTable({ rows, t }: { rows: FieldRow[]; t: Awaited<ReturnType<typeof getTranslations>> }) {
  return (
    <table className="mt-2 w-full text-left text-sm">
      <thead className="border-b border-gray-200 text-gray-600">
        <tr>
          <th className="py-1 pr-4 font-medium">{t('apiDocs.field')}</th>
          <th className="py-1 pr-4 font-medium">{t('apiDocs.type')}</th>
          <th className="py-1 pr-4 font-medium">{t('apiDocs.required')}</th>
          <th className="py-1 font-medium">{t('apiDocs.rules')}</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-gray-100">
        {rows.map((r) => (
          <tr key={r.name}>
            <td className="py-1 pr-4 font-mono text-xs">{r.name}</td>
            <td className="py-1 pr-4 font-mono text-xs">{r.type}</td>
            <td className="py-1 pr-4">{r.required ? t('apiDocs.yes') : ''}</td>
            <td className="py-1 text-gray-700">{r.rules}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The v1 contract in readable form, generated from the same schemas as /api/v1/openapi.json. */
export default async function ApiDocsPage() {
  await requireActor();
  const t = await getTranslations();
  const doc = openApiDocument() as { components: { schemas: Record<string, unknown> } };
  return (
    <div className="max-w-5xl space-y-8">
      <PageHeader title={t('apiDocs.title')} subtitle={t('apiDocs.subtitle')}>
        <a
          href="/api/v1/openapi.json"
          className="rounded border border-gray-300 bg-white px-3 py-1.5 text-sm text-blue-700 hover:underline"
        >
          openapi.json
        </a>
      </PageHeader>
      <section className="rounded-lg border border-gray-200 bg-white p-4 text-sm leading-6 text-gray-800">
        <h2 className="text-lg font-semibold">{t('apiDocs.conventions')}</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {(['auth', 'time', 'idempotent', 'batch', 'errors', 'read', 'warnings'] as const).map((k) => (
            <li key={k}>{t(`apiDocs.rule.${k}`)}</li>
          ))}
        </ul>
        <pre className="mt-3 overflow-x-auto rounded bg-gray-900 p-3 text-xs text-gray-100">{`curl -X POST https://fenghuo.example/api/v1/incidents \\
  -H "Authorization: Bearer fh_…" -H "Content-Type: application/json" \\
  -d '{"externalId":"INC-2025-0042","unitCode":"BJ01","domain":"drones","dimension":"loss","tier":3,
       "occurredAt":"2025-03-04T09:30:00+08:00","reportedAt":"2025-03-04T12:00:00+08:00"}'
# → {"created":1,"updated":0,"unchanged":0,"ids":[1234]}`}</pre>
      </section>
      {recordKindCodes.map((kind) => {
        const name = kind.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
        return (
          <section key={kind} id={kind} className="rounded-lg border border-gray-200 bg-white p-4">
            <h2 className="text-lg font-semibold">
              {t(`kinds.${kind}`)} <span className="ml-2 font-mono text-sm font-normal text-gray-600">POST / GET {apiPaths[kind]}</span>
            </h2>
            <FieldsTable rows={describeFields(doc.components.schemas[name], kindDefs[kind].fields)} t={t} />
          </section>
        );
      })}
      <section className="rounded-lg border border-gray-200 bg-white p-4 text-sm">
        <h2 className="text-lg font-semibold">{t('apiDocs.otherEndpoints')}</h2>
        <ul className="mt-2 space-y-1 font-mono text-xs">
          <li>POST /api/v1/units — code, name, nameEn, kind, parentCode, activeFrom, activeTo</li>
          <li>GET /api/v1/units</li>
          <li>GET /api/v1/me</li>
          <li>GET /api/v1/ratings?year=Y[&amp;asOf=ISO][&amp;unit=CODE]</li>
          <li>GET /api/v1/openapi.json</li>
        </ul>
      </section>
    </div>
  );
}
