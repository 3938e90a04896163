// The pages that take an id (a record, an alert, a unit's rating, a bulletin, a domain) and may end with
// forbidden() or notFound(). They sit in this route group, beside (app), with the same layout but no
// loading.tsx: a loading boundary streams its skeleton with status 200 before the page decides, so the
// refusal would answer 200; here nothing is sent until the page has decided, so it answers 403 or 404
// (decision 035). The addresses are the same: a route group is not part of the path.
export { default } from '../(app)/layout';

export const dynamic = 'force-dynamic';
