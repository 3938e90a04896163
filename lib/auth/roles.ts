import type { Role } from '@/db/schema';

// Roles whose scope is the whole academy; the others see the subtree of their own unit.
const academyWide: ReadonlySet<Role> = new Set(['office', 'leader', 'admin']);

export function seesWholeAcademy(role: Role): boolean {
  return academyWide.has(role);
}

export function canManageUsers(role: Role): boolean {
  return role === 'admin';
}
