import { dialectOfProcess } from '../dialect-of-process';
import * as sqlite from './sqlite';
import * as pg from './pg/tables';

// What the app imports as '@/db/schema'. The query source is written once against the SQLite tables; a
// process on PostgreSQL gets the pg twins instead, chosen here at first import (the engine never changes
// during a process's life, decision 046). The twins give the same JS values (db/schema/parity.test.ts), so
// the SQLite types the callers see hold at run time on both engines.

export { unitKinds, type UnitKind } from './units';
export { roles, type Role } from './users';
export { projectStatuses } from './projects';
export { assessmentStages, assessmentStatuses } from './assessments';
export { hazardSeverities, hazardStatuses, hazardSources } from './hazards';
export { incidentStatuses } from './incidents';
export { inspectionKinds, inspectionStatuses } from './inspections';
export { ethicsStatuses } from './ethics';
export { ruleSetKinds, levels, type Level, ratingStatuses, type RatingFloor } from './rating';
export { deliveryChannels, type DeliveryChannel, deliveryStatuses } from './delivery';
export { correctionStatuses, type CorrectionChanges } from './corrections';
export type { StagedImportMeta } from './staged-imports';

const onPg = dialectOfProcess() === 'pg';

/** The twin of this process's engine, typed as the SQLite table. */
function pick<T>(sqliteTable: T, pgTable: unknown): T {
  return onPg ? (pgTable as T) : sqliteTable;
}

export const units = pick(sqlite.units, pg.units);
export const domains = pick(sqlite.domains, pg.domains);
export const riskDimensions = pick(sqlite.riskDimensions, pg.riskDimensions);
export const users = pick(sqlite.users, pg.users);
export const sessions = pick(sqlite.sessions, pg.sessions);
export const apiTokens = pick(sqlite.apiTokens, pg.apiTokens);
export const loginAttempts = pick(sqlite.loginAttempts, pg.loginAttempts);
export const projects = pick(sqlite.projects, pg.projects);
export const assessments = pick(sqlite.assessments, pg.assessments);
export const assessmentDimensions = pick(sqlite.assessmentDimensions, pg.assessmentDimensions);
export const hazards = pick(sqlite.hazards, pg.hazards);
export const incidents = pick(sqlite.incidents, pg.incidents);
export const inspections = pick(sqlite.inspections, pg.inspections);
export const ethicsCommittees = pick(sqlite.ethicsCommittees, pg.ethicsCommittees);
export const ethicsActivities = pick(sqlite.ethicsActivities, pg.ethicsActivities);
export const ethicsAnnualReports = pick(sqlite.ethicsAnnualReports, pg.ethicsAnnualReports);
export const ruleSets = pick(sqlite.ruleSets, pg.ruleSets);
export const ratings = pick(sqlite.ratings, pg.ratings);
export const ratingContributions = pick(sqlite.ratingContributions, pg.ratingContributions);
export const warningListEntries = pick(sqlite.warningListEntries, pg.warningListEntries);
export const alerts = pick(sqlite.alerts, pg.alerts);
export const alertReads = pick(sqlite.alertReads, pg.alertReads);
export const bulletins = pick(sqlite.bulletins, pg.bulletins);
export const jobRuns = pick(sqlite.jobRuns, pg.jobRuns);
export const auditLog = pick(sqlite.auditLog, pg.auditLog);
export const settings = pick(sqlite.settings, pg.settings);
export const dataVersion = pick(sqlite.dataVersion, pg.dataVersion);
export const alertDeliveries = pick(sqlite.alertDeliveries, pg.alertDeliveries);
export const alertDeliveryAttempts = pick(sqlite.alertDeliveryAttempts, pg.alertDeliveryAttempts);
export const alertDispatch = pick(sqlite.alertDispatch, pg.alertDispatch);
export const recordCorrections = pick(sqlite.recordCorrections, pg.recordCorrections);
export const stagedImports = pick(sqlite.stagedImports, pg.stagedImports);
