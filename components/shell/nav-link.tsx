'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export function NavLink({ href, children, compact = false }: { href: string; children: React.ReactNode; compact?: boolean }) {
  const pathname = usePathname();
  const active = href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? 'page' : undefined}
      className={`${compact ? 'shrink-0 whitespace-nowrap' : 'block'} rounded-md px-3 py-2 text-sm ${active ? 'bg-red-900 font-semibold text-white' : 'text-gray-300 hover:bg-gray-800 hover:text-white'}`}
    >
      {children}
    </Link>
  );
}
