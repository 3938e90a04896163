import { recordListRoute, recordWriteRoute } from '@/server/api/record-routes';

export const dynamic = 'force-dynamic';

export const GET = recordListRoute('ethics-annual-reports');
export const POST = recordWriteRoute('ethics-annual-reports');
