// The warning list (警示名录, DOMAIN.md §8): units, or named people of a unit, with a reason. Entries are
// proposed (by a published red rating) or added by the office, confirmed, and lifted; never deleted.

export type WarningStatus = 'proposed' | 'confirmed' | 'lifted';

/** `audit_log.entity_kind` of an entry: who proposed or added it is the actor of its first audit entry. */
export const WARNING_ENTRY_KIND = 'warning_list_entry';

export interface WarningEntry {
  id: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  unitNameEn: string | null;
  personName: string | null;
  reason: string;
  ratingYear: number | null;
  status: WarningStatus;
  createdAt: Date;
  createdBy: string | null;
  confirmedAt: Date | null;
  confirmedBy: string | null;
  liftedAt: Date | null;
  liftedBy: string | null;
}
