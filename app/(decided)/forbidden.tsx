// The (app) refusal, status 403 (see layout.tsx).
export { default } from '../(app)/forbidden';
