import { notFound } from 'next/navigation';
import { isRecordKind, type RecordKind } from '@/db/records/record-kinds';

/** What Next gives a page under /records/[kind] (the list and the new-record form). */
export interface RecordKindPageProps {
  params: Promise<{ kind: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** The record kind in the address; anything else is the not-found page. */
export async function recordKindOrNotFound(params: RecordKindPageProps['params']): Promise<RecordKind> {
  const { kind } = await params;
  if (!isRecordKind(kind)) notFound();
  return kind;
}
