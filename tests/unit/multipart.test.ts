import { describe, expect, it } from 'vitest';
import { parseMultipart, readBody } from '@/platform/http/multipart';

// The upload's multipart reader against bodies written by the platform's own FormData encoder (what browsers
// and Playwright send), and against broken ones.
async function encoded(form: FormData): Promise<{ body: Buffer; type: string }> {
  const req = new Request('http://x/', { method: 'POST', body: form });
  return { body: Buffer.from(await req.arrayBuffer()), type: req.headers.get('content-type')! };
}

describe('parseMultipart', () => {
  it('reads fields and files as the platform encodes them, names in any script', async () => {
    const form = new FormData();
    form.set('step', 'preview');
    form.set('kind', 'incidents');
    const bytes = new Uint8Array([0, 13, 10, 45, 45, 255, 1]);
    form.set('file', new File([bytes], '事件 "1".csv'));
    const { body, type } = await encoded(form);
    const parts = parseMultipart(body, type)!;
    expect(parts.get('step')?.value.toString()).toBe('preview');
    expect(parts.get('kind')?.value.toString()).toBe('incidents');
    expect(parts.get('file')?.filename).toBe('事件 "1".csv');
    expect([...parts.get('file')!.value]).toEqual([...bytes]);
    expect(parts.get('step')?.filename).toBeUndefined();
  });

  it('refuses what is not well-formed multipart', async () => {
    const { body, type } = await encoded(Object.assign(new FormData(), {}));
    expect(parseMultipart(body, type)).toEqual(new Map());
    expect(parseMultipart(Buffer.from('not multipart'), 'multipart/form-data; boundary=x')).toBeNull();
    expect(
      parseMultipart(Buffer.from('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end'), 'multipart/form-data; boundary=x'),
    ).toBeNull();
    expect(parseMultipart(Buffer.from('--x--'), 'text/plain')).toBeNull();
    const many =
      Array.from({ length: 40 }, (_, i) => `--x\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv\r\n`).join('') + '--x--';
    expect(parseMultipart(Buffer.from(many), 'multipart/form-data; boundary=x')).toBeNull();
  });

  it('stops reading a body past its limit', async () => {
    const req = (n: number) => new Request('http://x/', { method: 'POST', body: new Uint8Array(n) });
    expect((await readBody(req(1000), 1000))?.length).toBe(1000);
    expect(await readBody(req(1001), 1000)).toBeNull();
  });
});
