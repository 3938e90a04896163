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

/**
 * The demo academy's units: the academy, 12 branches of 7–10 institutes each (one discipline and its
 * domains each), and up to three departments per institute. Pushes the units; returns the institutes with
 * the risk factor their records are drawn with.
 */
export function buildOrganisation(rng: Random, units: UnitInsert[], founded: Date): DemoInstitute[] {
  let unitId = 0;
  const academyId = ++unitId;
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
    const branchId = ++unitId;
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
      const id = ++unitId;
      const code = `${branch.code}${String(i + 1).padStart(2, '0')}`;
      const path = `${branchPath}${id}/`;
      units.push(
        buildUnit({
          id,
          code,
          name: `${branch.city}${discipline.zh}研究所`,
          nameEn: `${branch.cityEn} Institute of ${discipline.en}`,
          kind: 'institute',
          parentId: branchId,
          path,
          instituteId: id,
          activeFrom: founded,
        }),
      );
      const departments: number[] = [];
      const depCount = rng.weighted([
        [0, 3],
        [1, 3],
        [2, 2],
        [3, 1],
      ] as const);
      for (let d = 0; d < depCount; d++) {
        const depId = ++unitId;
        const dep = departmentNames[d]!;
        units.push(
          buildUnit({
            id: depId,
            code: `${code}-D${d + 1}`,
            name: dep.zh,
            nameEn: dep.en,
            kind: 'department',
            parentId: id,
            path: `${path}${depId}/`,
            instituteId: id,
            activeFrom: founded,
          }),
        );
        departments.push(depId);
      }
      institutes.push({
        id,
        code,
        domains: discipline.domains,
        departments,
        risk: rng.weighted([
          [0.4, 3],
          [1, 5],
          [1.8, 2],
        ] as const),
      });
    }
  }
  return institutes;
}
