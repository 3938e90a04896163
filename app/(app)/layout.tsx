import { AppShell } from '@/components/shell/app-shell';
import { requireActor } from '@/server/auth/current-actor';
import { getDb } from '@/db/client';
import { getSetting } from '@/db/settings';
import { DEMO_DATA_SETTING } from '@/features/demo/insert-dataset';

// Every page below reads the live database for the person asking; nothing is cached across users.
export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const isDemo = (await getSetting(getDb(), DEMO_DATA_SETTING)) !== undefined;
  return (
    <AppShell actor={actor} isDemo={isDemo}>
      {children}
    </AppShell>
  );
}
