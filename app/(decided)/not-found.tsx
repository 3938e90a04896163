// The (app) "not found" page, status 404 (see layout.tsx).
export { default } from '../(app)/not-found';
