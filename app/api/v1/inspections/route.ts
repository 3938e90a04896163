import { recordListRoute, recordWriteRoute } from '@/lib/api/record-routes';

export const dynamic = 'force-dynamic';

export const GET = recordListRoute('inspections');
export const POST = recordWriteRoute('inspections');
