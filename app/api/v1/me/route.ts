import { apiRoute } from '@/server/api/route';

export const dynamic = 'force-dynamic';

/** Who the token acts as: its user, role and unit. Useful to check a token before integrating. */
export const GET = apiRoute(({ actor }) => ({
  login: actor.login,
  displayName: actor.displayName,
  role: actor.role,
  unitCode: actor.unitCode,
  scope: actor.scope.all ? 'all' : 'subtree',
}));
