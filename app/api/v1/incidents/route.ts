import { recordListRoute, recordWriteRoute } from '@/lib/api/record-routes';

export const dynamic = 'force-dynamic';

export const GET = recordListRoute('incidents');
export const POST = recordWriteRoute('incidents');
