import type { Config } from 'tailwindcss';
import colors from 'tailwindcss/colors';
import forms from '@tailwindcss/forms';
import headlessui from '@headlessui/tailwindcss';
import { allDomainColours } from './domain/reference/domain-colours';

// Tremor builds some class names at run time (chart fills, legend dots). Tailwind cannot see them in the
// source, so the colours the product uses are safelisted; a blanket safelist would add ~400 KB of CSS.
const chartColours = [
  'blue',
  'yellow',
  'orange',
  'red',
  'gray',
  'slate',
  'sky',
  'emerald',
  'amber',
  'indigo',
  'violet',
  'teal',
  'rose',
  'cyan',
  'lime',
  'fuchsia',
];
const shades = '(?:50|100|200|300|400|500|600|700|800|900|950)';
const colourGroup = `(?:${chartColours.join('|')})`;

const config: Config = {
  content: [
    './app/**/*.{ts,tsx}',
    './components/**/*.{ts,tsx}',
    './features/**/*.{ts,tsx}',
    './domain/**/*.{ts,tsx}',
    './node_modules/@tremor/**/*.{js,ts,jsx,tsx}',
  ],
  theme: {
    transparent: 'transparent',
    current: 'currentColor',
    extend: {
      colors: {
        tremor: {
          brand: {
            faint: colors.blue[50],
            muted: colors.blue[200],
            subtle: colors.blue[400],
            DEFAULT: colors.blue[600],
            emphasis: colors.blue[800],
            inverted: colors.white,
          },
          background: {
            muted: colors.gray[50],
            subtle: colors.gray[100],
            DEFAULT: colors.white,
            emphasis: colors.gray[700],
          },
          border: { DEFAULT: colors.gray[200] },
          ring: { DEFAULT: colors.gray[200] },
          content: {
            subtle: colors.gray[400],
            DEFAULT: colors.gray[600],
            emphasis: colors.gray[700],
            strong: colors.gray[900],
            inverted: colors.white,
          },
        },
      },
      boxShadow: {
        'tremor-input': '0 1px 2px 0 rgb(0 0 0 / 0.05)',
        'tremor-card': '0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)',
        'tremor-dropdown': '0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)',
      },
      borderRadius: {
        'tremor-small': '0.375rem',
        'tremor-default': '0.5rem',
        'tremor-full': '9999px',
      },
      fontSize: {
        'tremor-label': ['0.75rem', { lineHeight: '1rem' }],
        'tremor-default': ['0.875rem', { lineHeight: '1.25rem' }],
        'tremor-title': ['1.125rem', { lineHeight: '1.75rem' }],
        'tremor-metric': ['1.875rem', { lineHeight: '2.25rem' }],
      },
      fontFamily: {
        sans: ['"Noto Sans CJK SC"', '"Noto Sans SC"', '"PingFang SC"', '"Microsoft YaHei"', 'system-ui', 'sans-serif'],
      },
    },
  },
  safelist: [
    { pattern: new RegExp(`^(bg|text|border|ring|stroke|fill)-${colourGroup}-${shades}$`), variants: ['hover', 'ui-selected'] },
    // Domain colours are hex (one palette for Tremor, Recharts and the PDF); Tremor names them `fill-[#…]`.
    ...allDomainColours.flatMap((c) => ['bg', 'text', 'stroke', 'fill'].map((p) => `${p}-[${c}]`)),
  ],
  plugins: [headlessui, forms],
};

export default config;
