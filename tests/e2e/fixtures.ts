import { test as base, type Page } from '@playwright/test';

export { expect } from '@playwright/test';

/**
 * Every full page load waits until React has revealed what it streamed.
 *
 * React 19.2+ reveals streamed Suspense content in batches (up to 300 ms after it arrives). Meanwhile the
 * client may already have hydrated that boundary in place, so for a moment a row exists twice: in place and
 * in React's hidden segment (`<div hidden id="S:n">`) at the end of the body. A strict locator that matches
 * hidden elements (test id, CSS, text) then fails at once with "resolved to 2 elements" instead of retrying;
 * CI met this on the warning list. Soft navigations stream no HTML, so only goto and reload need the wait.
 * The patch is on Page's prototype so pages a test opens itself (`context.newPage()`) wait too.
 */
async function streamed(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[hidden][id^="S:"]') === null, undefined, {
    timeout: 15_000,
  });
}

let patched = false;

function patch(proto: Page): void {
  if (patched) return;
  patched = true;
  const goto = proto.goto;
  const reload = proto.reload;
  proto.goto = async function (this: Page, ...args: Parameters<Page['goto']>) {
    const response = await goto.apply(this, args);
    if (args[1]?.waitUntil !== 'commit') await streamed(this);
    return response;
  };
  proto.reload = async function (this: Page, ...args: Parameters<Page['reload']>) {
    const response = await reload.apply(this, args);
    if (args[0]?.waitUntil !== 'commit') await streamed(this);
    return response;
  };
}

export const test = base.extend<object, { revealedStreams: void }>({
  revealedStreams: [
    async ({ browser }, use) => {
      const context = await browser.newContext();
      patch(Object.getPrototypeOf(await context.newPage()) as Page);
      await context.close();
      await use();
    },
    { scope: 'worker', auto: true },
  ],
});
