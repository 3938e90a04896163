import { buildUnit } from '@/features/demo/factories';

/**
 * The academy HX, its branch BJ and two institutes, BJ01 (4) and BJ02 (5), with the ids and paths they have
 * in the small academy (tests/setup/small-org.ts): for tests that fill one institute with many records.
 */
export function oneBranchUnits() {
  return [
    buildUnit({ id: 1, code: 'HX', kind: 'academy', path: '/1/' }),
    buildUnit({ id: 2, code: 'BJ', kind: 'branch', parentId: 1, path: '/1/2/' }),
    buildUnit({ id: 4, code: 'BJ01', kind: 'institute', parentId: 2, path: '/1/2/4/', instituteId: 4 }),
    buildUnit({ id: 5, code: 'BJ02', kind: 'institute', parentId: 2, path: '/1/2/5/', instituteId: 5 }),
  ];
}
