// The message namespaces client components read (useTranslations in a 'use client' file). Only these
// travel to the browser: the whole catalogue is ~75 KB per page otherwise, serialised into every response.
// tests/unit/client-namespaces.test.ts fails when a client component starts reading one not listed here.
export const clientNamespaces = [
  'admin',
  'errors',
  'export',
  'importPage',
  'incidentTier',
  'levels',
  'locale',
  'login',
  'matrix',
  'recordForms',
  'records',
  'riskLevels',
  'roles',
  'security',
  'tiers',
] as const;

/** The part of a catalogue the browser needs. */
export function clientMessages(messages: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(clientNamespaces.filter((ns) => ns in messages).map((ns) => [ns, messages[ns]]));
}
