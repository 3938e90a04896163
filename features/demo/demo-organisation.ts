import type { DomainCode } from '@/domain/reference/domains';
import { buildUnit, type UnitInsert } from '@/features/demo/factories';
import { academy, branches, departmentNames, disciplines } from '@/features/demo/org-names';
import type { Random } from '@/features/demo/random';

export interface DemoInstitute {
  id: number;
  code: string;
  domains: readonly DomainCode[];
  departments: number[];
  risk: number;
}

/** Where units go and the next unit id: ids are handed out in the order units are made, parents first. */
interface Units {
  rows: UnitInsert[];
  nextId: () => number;
  founded: Date;
}

type Branch = (typeof branches)[number];
type Discipline = (typeof disciplines)[number];

/**
 * The demo academy's units: the academy, 12 branches of 7–10 institutes each (one discipline and its
 * domains each), and up to three departments per institute. Pushes the units; returns the institutes with
 * the risk factor their records are drawn with.
 */
export function buildOrganisation(rng: Random, units: UnitInsert[], founded: Date): DemoInstitute[] {
  let unitId = 0;
  const u: Units = { rows: units, nextId: () => ++unitId, founded };
  const academyId = u.nextId();
  units.push(
    buildUnit({
      id: academyId,
      code: academy.code,
      name: academy.name,
      nameEn: academy.nameEn,
      kind: 'academy',
      path: `/${academyId}/`,
      activeFrom: founded,
    }),
  );
  const institutes: DemoInstitute[] = [];
  for (const branch of branches) {
    const branchId = u.nextId();
    const branchPath = `/${academyId}/${branchId}/`;
    units.push(
      buildUnit({
        id: branchId,
        code: branch.code,
        name: `${branch.city}分院`,
        nameEn: `${branch.cityEn} Branch`,
        kind: 'branch',
        parentId: academyId,
        path: branchPath,
        activeFrom: founded,
      }),
    );
    const count = rng.int(7, 10);
    const offset = rng.int(0, disciplines.length - 1);
    for (let i = 0; i < count; i++) {
      const discipline = disciplines[(offset + i * 3) % disciplines.length]!;
      institutes.push(addInstitute(rng, u, { branch, branchId, branchPath }, discipline, i));
    }
  }
  return institutes;
}

/** The `i`-th institute of a branch, its departments, and the risk its records are drawn with. */
function addInstitute(
  rng: Random,
  u: Units,
  parent: { branch: Branch; branchId: number; branchPath: string },
  discipline: Discipline,
  i: number,
): DemoInstitute {
  const { branch } = parent;
  const id = u.nextId();
  const code = `${branch.code}${String(i + 1).padStart(2, '0')}`;
  const path = `${parent.branchPath}${id}/`;
  u.rows.push(
    buildUnit({
      id,
      code,
      name: `${branch.city}${discipline.zh}研究所`,
      nameEn: `${branch.cityEn} Institute of ${discipline.en}`,
      kind: 'institute',
      parentId: parent.branchId,
      path,
      instituteId: id,
      activeFrom: u.founded,
    }),
  );
  const departments = addDepartments(rng, u, { id, code, path });
  const risk = rng.weighted([
    [0.4, 3],
    [1, 5],
    [1.8, 2],
  ] as const);
  return { id, code, domains: discipline.domains, departments, risk };
}

/** None to three departments under an institute; their ids. */
function addDepartments(rng: Random, u: Units, institute: { id: number; code: string; path: string }): number[] {
  const departments: number[] = [];
  const depCount = rng.weighted([
    [0, 3],
    [1, 3],
    [2, 2],
    [3, 1],
  ] as const);
  for (let d = 0; d < depCount; d++) {
    const depId = u.nextId();
    const dep = departmentNames[d]!;
    u.rows.push(
      buildUnit({
        id: depId,
        code: `${institute.code}-D${d + 1}`,
        name: dep.zh,
        nameEn: dep.en,
        kind: 'department',
        parentId: institute.id,
        path: `${institute.path}${depId}/`,
        instituteId: institute.id,
        activeFrom: u.founded,
      }),
    );
    departments.push(depId);
  }
  return departments;
}
