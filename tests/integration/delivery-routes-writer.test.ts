import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

// Who receives which alert is a setting only the audited updateDeliveryRoutes writes (features/delivery/
// routes.ts, issue 15): no other source names its key, so no other code can put it.
const roots = ['app', 'cli', 'components', 'db', 'domain', 'features', 'jobs', 'platform', 'server', 'scripts'];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

it('the delivery routes setting is named, read and written in features/delivery/routes.ts only', () => {
  const naming = roots
    .filter((r) => fs.existsSync(r))
    .flatMap(sources)
    .filter((file) => /ROUTES_SETTING|alert_delivery_routes/.test(fs.readFileSync(file, 'utf8')));
  expect(naming).toEqual([path.join('features', 'delivery', 'routes.ts')]);
  const routes = fs.readFileSync('features/delivery/routes.ts', 'utf8');
  // One write, inside the audited transaction.
  expect(routes.match(/putSetting\(/g)).toHaveLength(1);
  expect(routes).toMatch(/putSetting\(tx, ROUTES_SETTING[\s\S]*appendAudit\(/);
});
