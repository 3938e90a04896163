import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { instant, flag } from './columns';
import { domainAndDimension, recordColumns } from './record-columns';
import { projects } from './projects';

export const incidentStatuses = ['reported', 'investigating', 'closed', 'withdrawn'] as const;

export const incidents = sqliteTable(
  'incidents',
  {
    ...recordColumns(),
    ...domainAndDimension(),
    // 1 = I especially major … 4 = IV general, as set by the reporter; the effective tier may be higher.
    tier: integer('tier').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    discoveredAt: instant('discovered_at').notNull(),
    reportedAt: instant('reported_at').notNull(),
    // History loaded without a report time (decision 033): the rating scores no lateness for it, and
    // reportedAt then holds only the time the record was received, not a report time.
    reportTimeUnknown: flag('report_time_unknown').notNull().default(false),
    deaths: integer('deaths').notNull().default(0),
    seriousInjuries: integer('serious_injuries').notNull().default(0),
    directLossCny: integer('direct_loss_cny').notNull().default(0),
    concealed: flag('concealed').notNull().default(false),
    projectId: integer('project_id').references(() => projects.id),
    summary: text('summary'),
    status: text('status', { enum: incidentStatuses }).notNull().default('reported'),
  },
  (t) => [
    uniqueIndex('incidents_institute_external_uq').on(t.instituteId, t.externalId),
    index('incidents_unit_occurred_idx').on(t.unitId, t.occurredAt),
    // Covering the rating's read (every column it takes, by time): a year's incidents come from the index
    // alone, in order, instead of one random table page per row (2-3x faster at scale; bench/rating.ts).
    index('incidents_rating_cover_idx').on(
      t.occurredAt,
      t.instituteId,
      t.tier,
      t.discoveredAt,
      t.reportedAt,
      t.reportTimeUnknown,
      t.deaths,
      t.seriousInjuries,
      t.directLossCny,
      t.concealed,
      t.status,
      t.externalId,
    ),
    index('incidents_institute_occurred_idx').on(t.instituteId, t.occurredAt),
    // Covering the domain pages' reads (figures, monthly trend, institutes ranked, serious incidents): one
    // domain's incidents of a period come from the index alone, scope and effective tier included.
    // Covering the dashboards' counts per filing unit, domain and dimension over a period (db/dashboards/heatmaps.ts).
    index('incidents_dashboard_cover_idx').on(t.occurredAt, t.unitId, t.domain, t.dimension, t.status),
    index('incidents_domain_cover_idx').on(
      t.domain,
      t.occurredAt,
      t.unitId,
      t.status,
      t.tier,
      t.deaths,
      t.seriousInjuries,
      t.directLossCny,
      t.instituteId,
    ),
  ],
);
