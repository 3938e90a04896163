import { recordListRoute, recordWriteRoute } from '@/server/api/record-routes';

export const dynamic = 'force-dynamic';

export const GET = recordListRoute('ethics-activities');
export const POST = recordWriteRoute('ethics-activities');
