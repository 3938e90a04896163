import Link from 'next/link';
import type { AlertLink } from '@/domain/alerts/types';

export interface LinkLabels {
  kind: (recordKind: string) => string;
  domain: (code: string) => string;
  record: (kind: string, ref: string) => string;
  rating: (year: number, unit: string) => string;
  list: (kind: string, domain: string, month: string) => string;
  filtered: (kind: string, unit: string) => string;
}

/** Where an alert came from: its record, the unit's rating explained, or the month's list for a domain. */
export function alertHref(link: AlertLink): string {
  if (link.kind === 'record') return `/records/${link.recordKind}/${link.id}`;
  if (link.kind === 'rating') return `/ratings/${link.year}/${encodeURIComponent(link.unitCode)}`;
  if (link.kind === 'filtered') return `/records/${link.recordKind}?${new URLSearchParams({ unit: link.unitCode, state: link.state })}`;
  return `/records/${link.recordKind}?${new URLSearchParams({ domain: link.domain, from: link.from, to: link.to })}`;
}

export function AlertLinks({ links, labels }: { links: AlertLink[]; labels: LinkLabels }) {
  return (
    <ul className="space-y-1" data-testid="alert-links">
      {links.map((l, i) => (
        <li key={i}>
          <Link href={alertHref(l)} className="text-blue-700 hover:underline">
            {l.kind === 'record'
              ? labels.record(labels.kind(l.recordKind), l.externalId)
              : l.kind === 'rating'
                ? labels.rating(l.year, l.unitCode)
                : l.kind === 'filtered'
                  ? labels.filtered(labels.kind(l.recordKind), l.unitCode)
                  : labels.list(labels.kind(l.recordKind), labels.domain(l.domain), l.from.slice(0, 7))}
          </Link>
        </li>
      ))}
    </ul>
  );
}
