import { AppShell } from '@/components/shell/app-shell';
import { requireActor } from '@/lib/auth/current-actor';

// Every page below reads the live database for the person asking; nothing is cached across users.
export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return <AppShell actor={actor}>{children}</AppShell>;
}
