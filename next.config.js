// @ts-check
const createNextIntlPlugin = require('next-intl/plugin');

const withNextIntl = createNextIntlPlugin('./server/i18n-request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // pdfkit loads its standard-font metrics and ICC profile relative to its own file (createRequire). Bundled,
  // that works only as long as the bundler rewrites the path; external, it is required from node_modules.
  serverExternalPackages: ['pdfkit'],
  // Security headers (CSP with a nonce per page, HSTS over HTTPS, ...) are set in proxy.ts for every answer.
  experimental: {
    // forbidden() and app/(app)/forbidden.tsx: a refused record gets the friendly refusal (decision 035).
    authInterrupts: true,
    // proxy.ts runs on every request, so Next buffers each body for it and, past this size, hands the route
    // only the first part (10 MB by default: a valid 29 MB API batch was then "not valid JSON"). It is the
    // largest body a route reads (the API's 32 MB, server/api/body.ts; the upload's 20 MB + 64 KB,
    // platform/spreadsheets/read/limits.ts) plus 1 MB: a body cut here still holds more than any route's limit, so the route
    // answers 413 naming its limit. tests/unit/body-limits.test.ts keeps these numbers together (decision 025).
    proxyClientMaxBodySize: 33 * 1024 * 1024,
  },
};

module.exports = withNextIntl(nextConfig);
