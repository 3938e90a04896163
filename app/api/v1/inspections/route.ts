import { recordListRoute, recordWriteRoute } from '@/server/api/record-routes';

export const dynamic = 'force-dynamic';

export const GET = recordListRoute('inspections');
export const POST = recordWriteRoute('inspections');
