// The incidents the import and ingest benchmarks insert on the raw side: the rows their product side stores
// (drones, loss, tier IV, no deaths; discovered when they occurred), as RawDb.insertMany takes them.

export const RAW_INCIDENT_COLUMNS = [
  'external_id',
  'unit_id',
  'institute_id',
  'domain',
  'dimension',
  'tier',
  'occurred_at',
  'discovered_at',
  'reported_at',
  'deaths',
  'direct_loss_cny',
  'summary',
];

/** One row for RAW_INCIDENT_COLUMNS; instants in ms. */
export function rawIncidentRow(
  externalId: string,
  unitId: unknown,
  instituteId: unknown,
  occurredAt: number,
  reportedAt: number,
  directLossCny: number,
  summary: string,
): unknown[] {
  return [externalId, unitId, instituteId, 'drones', 'loss', 4, occurredAt, occurredAt, reportedAt, 0, directLossCny, summary];
}
