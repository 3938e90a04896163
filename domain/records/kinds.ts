// The record kinds units submit. The codes are the API's collection names (ethics ones hyphenated in URLs);
// db/records/record-kinds.ts maps each to its table and columns.
export const recordKindCodes = [
  'projects',
  'assessments',
  'hazards',
  'incidents',
  'inspections',
  'ethics-committees',
  'ethics-activities',
  'ethics-annual-reports',
] as const;

export type RecordKind = (typeof recordKindCodes)[number];

export function isRecordKind(value: string): value is RecordKind {
  return (recordKindCodes as readonly string[]).includes(value);
}
