'use client';

// The (app) error page (see layout.tsx).
export { default } from '../(app)/error';
