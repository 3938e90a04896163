import { recordListRoute, recordWriteRoute } from '@/server/api/record-routes';

export const dynamic = 'force-dynamic';

export const GET = recordListRoute('assessments');
export const POST = recordWriteRoute('assessments');
