import type { Role } from '@/domain/reference/roles';

/**
 * Publishing ratings, editing and activating rule sets and keeping the warning list are the academy
 * safety office's (DOMAIN.md §8); administrators may act for it. Everyone else reads within their scope.
 */
export function canManageRatings(role: Role): boolean {
  return role === 'office' || role === 'admin';
}
