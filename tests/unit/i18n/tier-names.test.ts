import { describe, expect, it } from 'vitest';
import en from '@/domain/i18n/messages/en.json';

// Issue 14 item 19: English names the incident tiers as the national standard's English does: I "especially
// major", II "major", III "relatively large", IV "general" ("Tier III large" read oddly for 较大).
describe('English incident tier names', () => {
  it('uses the national names wherever a tier is named', () => {
    expect(en.tiers).toEqual({
      '1': 'Tier I especially major',
      '2': 'Tier II major',
      '3': 'Tier III relatively large',
      '4': 'Tier IV general',
    });
    expect(en.tiersShort['3']).toBe('Relatively large');
    const all = JSON.stringify(en);
    expect(all).not.toMatch(/"large"|\(large\)|III large|"Large"/);
  });
});
