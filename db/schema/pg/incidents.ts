import { pgTable, bigint, integer, text, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { incidentStatuses } from '../incidents';
import { instant, flag } from './columns';
import { domainAndDimension, recordColumns } from './record-columns';
import { projects } from './projects';

// Twin of ../incidents.ts (the covering indexes are explained there).
export const incidents = pgTable(
  'incidents',
  {
    ...recordColumns(),
    ...domainAndDimension(),
    tier: integer('tier').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    discoveredAt: instant('discovered_at').notNull(),
    reportedAt: instant('reported_at').notNull(),
    reportTimeUnknown: flag('report_time_unknown').notNull().default(false),
    deaths: integer('deaths').notNull().default(0),
    seriousInjuries: integer('serious_injuries').notNull().default(0),
    // bigint, not integer: the API accepts a loss up to Number.MAX_SAFE_INTEGER (domain/records/schema-parts.ts),
    // which SQLite's 64-bit integer stores and PostgreSQL's 32-bit integer would refuse.
    directLossCny: bigint('direct_loss_cny', { mode: 'number' }).notNull().default(0),
    concealed: flag('concealed').notNull().default(false),
    projectId: integer('project_id').references(() => projects.id),
    summary: text('summary'),
    status: text('status', { enum: incidentStatuses }).notNull().default('reported'),
  },
  (t) => [
    uniqueIndex('incidents_institute_external_uq').on(t.instituteId, t.externalId),
    index('incidents_unit_occurred_idx').on(t.unitId, t.occurredAt),
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
