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
  // Basic hardening for every response; the full policy (CSP, HSTS) comes with the security work.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

module.exports = withNextIntl(nextConfig);
