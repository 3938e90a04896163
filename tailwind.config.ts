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

/** Tremor's named tones of one palette: a number is that shade of `palette`, a string a colour itself. */
function tones(palette: Record<number, string>, named: Record<string, number | string>): Record<string, string> {
  return Object.fromEntries(Object.entries(named).map(([name, tone]) => [name, typeof tone === 'number' ? palette[tone]! : tone]));
}

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
          brand: tones(colors.blue, { faint: 50, muted: 200, subtle: 400, DEFAULT: 600, emphasis: 800, inverted: colors.white }),
          background: tones(colors.gray, { muted: 50, subtle: 100, DEFAULT: colors.white, emphasis: 700 }),
          border: tones(colors.gray, { DEFAULT: 200 }),
          ring: tones(colors.gray, { DEFAULT: 200 }),
          content: tones(colors.gray, { subtle: 400, DEFAULT: 600, emphasis: 700, strong: 900, inverted: colors.white }),
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
