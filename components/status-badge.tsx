const tone: Record<string, string> = {
  open: 'bg-amber-100 text-amber-900',
  submitted: 'bg-amber-100 text-amber-900',
  investigating: 'bg-amber-100 text-amber-900',
  rejected: 'bg-red-100 text-red-900',
  withdrawn: 'bg-gray-200 text-gray-700 line-through',
  approved: 'bg-emerald-100 text-emerald-900',
  verified: 'bg-emerald-100 text-emerald-900',
  rectified: 'bg-sky-100 text-sky-900',
  closed: 'bg-gray-100 text-gray-800',
};

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${tone[status] ?? 'bg-gray-100 text-gray-800'}`}>{label}</span>
  );
}
