import type { ExportableTable } from '@/features/dashboards/export-tables';
import { localName } from '@/domain/i18n/locales';
import { translate } from '@/domain/i18n/translate';
import { formatDateTime } from '@/domain/time/shanghai';
import { ruleName } from '@/domain/rating/explain';
import { distinctFloors, levelChange, loadRatingsTable, ratingsQuerySchema } from '@/features/rating/views/ratings-table';

/** The ratings table (`/export/ratings?year=&branch=&level=&sort=`): the rows of /ratings, in its order. */
export const ratingsTableExport: ExportableTable = {
  async load(db, actor, params, locale, now) {
    const q = ratingsQuerySchema.parse(Object.fromEntries(params));
    const view = await loadRatingsTable(db, actor, q, now);
    const t = (key: string, p: Record<string, string | number> = {}) => translate(locale, key, p);
    const branch = view.all.find((r) => r.branchCode === q.branch);
    const notes = [
      view.status ? t(`ratings.statusWord.${view.status}`) : t('ratings.statusNone', { year: view.year }),
      ...(branch ? [`${t('ratings.branch')}: ${localName(locale, { name: branch.branchName!, nameEn: branch.branchNameEn })}`] : []),
      ...(q.level ? [`${t('ratings.level')}: ${t(`levels.${q.level}`)}`] : []),
      t('domains.noteDrawn', { at: formatDateTime(now) }),
    ];
    return {
      title: t('ratings.exportTitle', { year: view.year }),
      notes,
      columns: [
        { header: t('ratings.unit'), width: 28 },
        { header: t('ratings.unitCode'), width: 12 },
        { header: t('ratings.branch'), width: 20 },
        { header: t('ratings.level') },
        { header: t('ratings.points'), width: 10 },
        { header: t('ratings.levelByPoints') },
        { header: t('ratings.floors'), width: 40 },
        { header: t('ratings.change'), width: 26 },
        { header: t('ratings.status'), width: 20 },
        { header: t('ratings.computedAt'), width: 18 },
      ],
      rows: view.rows.map((r) => {
        const before = view.previous.get(r.instituteId);
        const change = levelChange(r.level, before);
        const floors = distinctFloors(r).map((f) =>
          t('ratings.floorItem', { level: t(`levels.${f.floor}`), rule: ruleName(f.rule, locale) }),
        );
        const status = t(`ratings.statusWord.${r.status}`);
        return [
          localName(locale, { name: r.unitName, nameEn: r.unitNameEn }),
          r.unitCode,
          r.branchCode ? localName(locale, { name: r.branchName!, nameEn: r.branchNameEn }) : '—',
          { text: t(`levels.${r.level}`), level: r.level },
          r.points,
          t(`levels.${r.levelByPoints}`),
          floors.length ? floors.join('; ') : '—',
          change === 'none'
            ? t('ratings.changeNone')
            : t(`ratings.change${change[0]!.toUpperCase()}${change.slice(1)}`, { level: t(`levels.${before!}`) }),
          view.differ.has(r.instituteId) ? `${status} (${t('ratings.differsMark')})` : status,
          formatDateTime(r.computedAt),
        ];
      }),
    };
  },
};
