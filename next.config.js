// @ts-check
const createNextIntlPlugin = require('next-intl/plugin');

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // pdfkit loads its standard-font metrics and ICC profile relative to its own file (createRequire). Bundled,
  // that works only as long as the bundler rewrites the path; external, it is required from node_modules.
  serverExternalPackages: ['pdfkit'],
  // Security headers (CSP with a nonce per page, HSTS over HTTPS, ...) are set in proxy.ts for every answer.
};

module.exports = withNextIntl(nextConfig);
