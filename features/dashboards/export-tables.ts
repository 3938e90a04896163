import type { Db } from '@/db/client';
import type { Actor } from '@/domain/auth/actor';
import type { Locale } from '@/domain/i18n/locales';
import type { ExportTable } from '@/platform/spreadsheets/table-xlsx';

/**
 * A table the product can export: the page that shows it and the XLSX download call the same `load`, so
 * the file holds exactly the rows on screen (same scope, same filters from the URL). Returns null when the
 * parameters name nothing the viewer may see (the download answers 404).
 */
export interface ExportableTable {
  load(db: Db, actor: Actor, params: URLSearchParams, locale: Locale, now: Date): Promise<ExportTable | null>;
}
