import type { Db } from '../client';
import * as s from '../schema';
import type { DemoDataset } from '@/lib/demo/generate-demo';

// SQLite limits the bound variables of one statement; 200 rows of ~20 columns stays well inside it.
const CHUNK = 200;

function insertChunked<T>(rows: T[], insert: (chunk: T[]) => void): void {
  for (let i = 0; i < rows.length; i += CHUNK) insert(rows.slice(i, i + CHUNK));
}

/** Writes a generated organisation and its records in one transaction: all of it or none. */
export function insertDataset(db: Db, data: Omit<DemoDataset, 'users'>): void {
  db.transaction((tx) => {
    insertChunked(data.units, (c) => tx.insert(s.units).values(c).run());
    insertChunked(data.projects, (c) => tx.insert(s.projects).values(c).run());
    insertChunked(data.assessments, (c) => tx.insert(s.assessments).values(c).run());
    insertChunked(data.assessmentDimensions, (c) => tx.insert(s.assessmentDimensions).values(c).run());
    insertChunked(data.hazards, (c) => tx.insert(s.hazards).values(c).run());
    insertChunked(data.incidents, (c) => tx.insert(s.incidents).values(c).run());
    insertChunked(data.inspections, (c) => tx.insert(s.inspections).values(c).run());
    insertChunked(data.ethicsCommittees, (c) => tx.insert(s.ethicsCommittees).values(c).run());
    insertChunked(data.ethicsActivities, (c) => tx.insert(s.ethicsActivities).values(c).run());
    insertChunked(data.ethicsAnnualReports, (c) => tx.insert(s.ethicsAnnualReports).values(c).run());
  });
}
