import type { InputKind } from '@/features/records/form-spec';

// What a server page hands a record form: fields already labelled in the reader's language.
export interface UiOption {
  value: string;
  label: string;
}

export interface UiField {
  code: string;
  input: InputKind;
  label: string;
  required: boolean;
  options?: UiOption[];
  hint?: string;
  /** Shown but not editable (a record's key once it exists). */
  locked?: boolean;
  wide?: boolean;
}

export interface UnitChoice {
  code: string;
  label: string;
  instituteId: number;
}

export interface ProjectChoice {
  externalId: string;
  label: string;
  instituteId: number;
}
