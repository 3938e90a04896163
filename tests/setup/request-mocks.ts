import { vi } from 'vitest';
import type { Actor } from '@/domain/auth/actor';
import type { Locale } from '@/domain/i18n/locales';

// A test that calls server actions and pages directly plays the request they would read: who is signed in
// and in which language (set `who.actor`, `who.locale`); revalidating a path does nothing. Import this
// module before anything of the product, so the mocks are in place when the product is loaded (vitest
// registers a module's vi.mock calls when the module is evaluated).

export const who: { actor: Actor | null; locale: Locale } = { actor: null, locale: 'en' };

vi.mock('@/server/auth/current-actor', () => ({ currentActor: async () => who.actor, requireActor: async () => who.actor }));
vi.mock('next-intl/server', () => ({ getLocale: async () => who.locale }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
