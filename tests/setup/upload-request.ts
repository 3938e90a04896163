import type { Db } from '@/db/client';
import type { Actor } from '@/domain/auth/actor';
import type { Locale } from '@/domain/i18n/locales';
import { handleImportUpload } from '@/features/import/import-upload';
import type { ImportPool } from '@/features/import/import-pool';

export interface UploadAnswer {
  status: number;
  retryAfter: string | null;
  error?: string;
  report?: { ok: boolean; dryRun: boolean; fileError?: string; rows: number; created: number; problemCount: number };
  stagedId?: string;
}

/** A multipart body as a browser sends it, encoded up front so that a measurement sees only the server's work. */
export async function uploadRequest(fields: Record<string, string | { name: string; data: Buffer }>): Promise<() => Request> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields))
    form.set(name, typeof value === 'string' ? value : new File([new Uint8Array(value.data)], value.name));
  const encoded = new Request('http://localhost/', { method: 'POST', body: form });
  const body = Buffer.from(await encoded.arrayBuffer());
  const headers = { 'content-type': encoded.headers.get('content-type')! };
  return () => new Request('http://localhost/intake/import/upload', { method: 'POST', body, headers });
}

export const previewOf = (data: Buffer, name: string) => uploadRequest({ step: 'preview', kind: 'incidents', file: { name, data } });

/** One request through the upload's logic, its streamed answer read to the end. */
export async function upload(
  request: () => Request,
  ctx: { db: Db; actor: Actor; locale?: Locale; pool?: ImportPool },
): Promise<UploadAnswer> {
  const res = await handleImportUpload(request(), { locale: 'zh-CN', ...ctx });
  const text = await res.text();
  const answer: UploadAnswer = { status: res.status, retryAfter: res.headers.get('retry-after') };
  if (res.status !== 200) return { ...answer, ...(JSON.parse(text) as { error: string }) };
  const lines = text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Omit<UploadAnswer, 'status' | 'retryAfter'>);
  return { ...answer, ...lines.at(-1)!, ...(lines.find((l) => l.error) ? { error: lines.find((l) => l.error)!.error } : {}) };
}
