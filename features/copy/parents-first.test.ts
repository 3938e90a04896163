import { describe, expect, it } from 'vitest';
import { parentsFirst } from './parents-first';

describe('parentsFirst', () => {
  it('puts every parent before its children, whatever the input order', () => {
    const rows = [
      { id: 3, parent_id: 2 },
      { id: 4, parent_id: null },
      { id: 2, parent_id: 1 },
      { id: 5, parent_id: 3 },
      { id: 1, parent_id: null },
    ];
    const ids = parentsFirst(rows, 'id', 'parent_id').map((r) => r.id);
    expect(ids).toHaveLength(5);
    for (const r of rows) if (r.parent_id !== null) expect(ids.indexOf(r.parent_id)).toBeLessThan(ids.indexOf(r.id));
  });

  it('refuses a cycle', () => {
    expect(() =>
      parentsFirst(
        [
          { id: 1, parent_id: 2 },
          { id: 2, parent_id: 1 },
        ],
        'id',
        'parent_id',
      ),
    ).toThrow(/cycle/);
  });
});
