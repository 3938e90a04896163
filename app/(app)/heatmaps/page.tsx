import { getTranslations } from 'next-intl/server';
import { ComingSoon } from '@/components/coming-soon';
import { requireActor } from '@/lib/auth/current-actor';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('heatmaps') };
}

export default async function Page() {
  await requireActor();
  return <ComingSoon section="heatmaps" />;
}
