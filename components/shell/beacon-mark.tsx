// The beacon tower (烽火台) that gives the product its name.
export function BeaconMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <rect width="32" height="32" rx="6" fill="#7f1d1d" />
      <path d="M10 27h12l-2-12h-8z" fill="#fde68a" />
      <path d="M16 4c3 4 4 6 2 9-1-2-2-2-2-2s0 2-2 2c-2-3 0-6 2-9z" fill="#f97316" />
    </svg>
  );
}
