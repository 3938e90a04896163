import type { Role } from '@/domain/reference/roles';

/** Everyone who sees an alert may acknowledge it, except leadership, which reads only. */
export function canAcknowledgeAlerts(role: Role): boolean {
  return role !== 'leader';
}
