import { textsOf, type Texts } from '@/features/import/import-report-plain';
import { SubmissionRefused } from '@/domain/records/submission';

// A refused submission as plain data, so that a refusal found by the import pool's worker (a large batch
// written off the serving thread) reaches the caller as the same SubmissionRefused the inline path throws:
// each problem's message is said in every language there, and chosen by the caller's language here.

export interface PlainRefusal {
  reason: SubmissionRefused['reason'];
  problems: { index: number; field: string; text: Texts }[];
}

export function toPlainRefusal(error: SubmissionRefused): PlainRefusal {
  return { reason: error.reason, problems: error.problems.map((p) => ({ index: p.index, field: p.field, text: textsOf(p.say) })) };
}

export function fromPlainRefusal(plain: PlainRefusal): SubmissionRefused {
  return new SubmissionRefused(
    plain.reason,
    plain.problems.map((p) => ({ index: p.index, field: p.field, say: (l) => p.text[l] })),
  );
}
