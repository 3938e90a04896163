import { deflatePieces, gzipJoined } from '@/server/page-cache/gzip-pieces';

// Rendered pages kept in memory, least recently used first out, bounded in bytes (decision 021).

export interface RenderedPage {
  version: string;
  status: number;
  /** Response headers as rendered, minus the per-response ones (security headers, length, date). */
  headers: Record<string, string>;
  body: Buffer;
  /** The nonce the page was rendered with, replaced by a fresh one in every answer. */
  nonce: string | null;
}

export interface CachedPage extends RenderedPage {
  /** The body split at every occurrence of its nonce (the whole body when it has none). */
  pieces: Buffer[];
  /** Each piece deflated on its own, for gzipped answers (gzip-pieces.ts). */
  deflated: Buffer[];
  /** What keeping it costs: the body and its deflated pieces. */
  bytes: number;
}

/** A rendered page made ready to be answered many times: split at its nonce and compressed, once. */
export function toCachedPage(page: RenderedPage): CachedPage {
  const pieces: Buffer[] = [];
  if (page.nonce) {
    const needle = Buffer.from(page.nonce, 'utf8');
    let from = 0;
    for (let at = page.body.indexOf(needle); at >= 0; at = page.body.indexOf(needle, from)) {
      pieces.push(page.body.subarray(from, at));
      from = at + needle.length;
    }
    pieces.push(page.body.subarray(from));
  } else pieces.push(page.body);
  const deflated = deflatePieces(pieces);
  return { ...page, pieces, deflated, bytes: page.body.length + deflated.reduce((n, d) => n + d.length, 0) };
}

export class PageStore {
  private readonly pages = new Map<string, CachedPage>();
  private readonly rendering = new Map<string, { version: string; done: Promise<CachedPage | null> }>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** The page for `key` if it was rendered for this data version. */
  get(key: string, version: string): CachedPage | null {
    const page = this.pages.get(key);
    if (!page) return null;
    this.pages.delete(key);
    if (page.version !== version) {
      this.bytes -= page.bytes;
      return null;
    }
    this.pages.set(key, page); // most recently used now
    return page;
  }

  set(key: string, page: CachedPage): void {
    if (page.bytes > this.maxBytes / 4) return;
    const old = this.pages.get(key);
    if (old) {
      this.pages.delete(key);
      this.bytes -= old.bytes;
    }
    this.pages.set(key, page);
    this.bytes += page.bytes;
    for (const [k, p] of this.pages) {
      if (this.bytes <= this.maxBytes) break;
      this.pages.delete(k);
      this.bytes -= p.bytes;
    }
  }

  /**
   * One rendering per key and version at a time: the first request renders, those arriving meanwhile wait
   * for it (50 people opening the overview after a change cost one rendering, not 50).
   */
  renderingOf(key: string, version: string): Promise<CachedPage | null> | null {
    const r = this.rendering.get(key);
    return r && r.version === version ? r.done : null;
  }

  startRendering(key: string, version: string): (page: CachedPage | null) => void {
    let finish!: (page: CachedPage | null) => void;
    const done = new Promise<CachedPage | null>((resolve) => (finish = resolve));
    const entry = { version, done };
    this.rendering.set(key, entry);
    return (page) => {
      if (this.rendering.get(key) === entry) this.rendering.delete(key);
      if (page) this.set(key, page);
      finish(page);
    };
  }

  get size(): { pages: number; bytes: number } {
    return { pages: this.pages.size, bytes: this.bytes };
  }
}

/** The page with `nonce` in place of the one it was rendered with, in its policy and on its scripts. */
export function withNonce(page: CachedPage, nonce: string): Buffer {
  if (!page.nonce) return page.body;
  const glue = Buffer.from(nonce, 'utf8');
  return Buffer.concat(page.pieces.flatMap((piece, i) => (i === 0 ? [piece] : [glue, piece])));
}

/** The same, gzip-encoded, without compressing the page again (gzip-pieces.ts). */
export function gzippedWithNonce(page: CachedPage, nonce: string): Buffer {
  return gzipJoined(page.pieces, page.deflated, Buffer.from(page.nonce ? nonce : '', 'utf8'));
}
