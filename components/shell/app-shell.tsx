import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { BeaconMark } from './beacon-mark';
import { NavLink } from './nav-link';
import { LocaleSwitch } from '@/components/locale-switch';
import { logoutAction } from '@/server/actions/auth';
import type { Actor } from '@/domain/auth/actor';
import { canManageUsers, canReadAudit } from '@/domain/auth/roles';
import { actorUnitName, scopeText } from '@/components/scope-text';
import { CurrentUserName, SessionInfoProvider, UnreadAlertsLink, UnreadBadge } from './session-info';

const sections = ['overview', 'heatmaps', 'units', 'domains', 'intake', 'records', 'ratings', 'alerts', 'bulletins'] as const;
const hrefOf = (s: (typeof sections)[number] | 'admin') => (s === 'overview' ? '/' : `/${s}`);

export async function AppShell({ actor, isDemo, children }: { actor: Actor; isDemo: boolean; children: React.ReactNode }) {
  const t = await getTranslations();
  // Nothing here may depend on who the person is beyond their role and unit: pages are shared by everyone
  // who has both (decision 021). Their name and unread count are fetched by <SessionInfoProvider>.
  return (
    <SessionInfoProvider>
      <div className="flex min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only">
          {t('app.skip')}
        </a>
        <aside className="hidden w-52 shrink-0 flex-col bg-gray-900 px-3 py-4 md:flex">
          <div className="mb-6 flex items-center gap-2 px-2">
            <BeaconMark className="h-8 w-8" />
            <div>
              <p className="font-bold text-white">{t('app.name')}</p>
              <p className="text-[11px] leading-tight text-gray-400">{t('app.tagline')}</p>
            </div>
          </div>
          <nav aria-label={t('nav.main')} className="space-y-1">
            <NavLinks actor={actor} />
          </nav>
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          {/* Below the md breakpoint the sidebar is hidden; the same links scroll across the top. */}
          <nav aria-label={t('nav.main')} className="flex gap-1 overflow-x-auto bg-gray-900 px-2 py-2 md:hidden">
            <NavLinks actor={actor} compact />
          </nav>
          <HeaderBar actor={actor} />
          {isDemo ? (
            <p className="border-b border-amber-300 bg-amber-50 px-6 py-1.5 text-sm text-amber-900" data-testid="demo-banner">
              {t('app.demoBanner')}
            </p>
          ) : null}
          <main id="main" className="flex-1 px-6 py-6">
            {children}
          </main>
        </div>
      </div>
    </SessionInfoProvider>
  );
}

/** The sections, then the audit log and administration for the roles that may see them; the same in both navs. */
async function NavLinks({ actor, compact }: { actor: Actor; compact?: boolean }) {
  const t = await getTranslations();
  const badge = <UnreadBadge label={t.raw('alerts.unreadBadge') as string} />;
  return (
    <>
      {sections.map((s) => (
        <NavLink key={s} href={hrefOf(s)} compact={compact}>
          {t(`nav.${s}`)}
          {s === 'alerts' ? badge : null}
        </NavLink>
      ))}
      {canReadAudit(actor.role) ? (
        <NavLink href="/audit" compact={compact}>
          {t('nav.audit')}
        </NavLink>
      ) : null}
      {canManageUsers(actor.role) ? (
        <NavLink href={hrefOf('admin')} compact={compact}>
          {t('nav.admin')}
        </NavLink>
      ) : null}
    </>
  );
}

/** The caller's scope on the left; unread alerts, language, who is signed in and the logout on the right. */
async function HeaderBar({ actor }: { actor: Actor }) {
  const t = await getTranslations();
  const unit = await actorUnitName(actor);
  const scope = await scopeText(actor);
  return (
    <header className="flex flex-wrap items-center justify-between gap-3 border-b border-gray-200 bg-white px-6 py-3">
      <p className="text-sm text-gray-600" data-testid="scope">
        {scope}
      </p>
      <div className="flex items-center gap-4">
        <UnreadAlertsLink label={t.raw('alerts.unreadBadge') as string} plain={t('nav.alerts')} />
        <LocaleSwitch />
        <div className="text-right text-sm" data-testid="current-user">
          <p className="font-medium text-gray-900">
            <CurrentUserName />
          </p>
          <p className="text-xs text-gray-500">
            {t(`roles.${actor.role}`)} · {unit} ·{' '}
            <Link href="/account" className="text-blue-700 hover:underline">
              {t('security.accountTitle')}
            </Link>
          </p>
        </div>
        <form action={logoutAction}>
          <button type="submit" className="rounded-md border border-gray-300 px-3 py-1.5 text-sm text-gray-700 hover:bg-gray-100">
            {t('header.logout')}
          </button>
        </form>
      </div>
    </header>
  );
}
