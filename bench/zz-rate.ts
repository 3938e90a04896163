import { openDatabase } from '@/db/client';
import { CAS_2019_V1 } from '@/domain/rating/default-rule-set';
import { rateInstitutes } from '@/features/rating/rate-institutes';
import { loadRatingInputs } from '@/db/rating/rating-inputs';
import { evaluate, evaluationInstant } from '@/domain/rating/evaluate';
import { yearStart } from '@/domain/time/shanghai';
async function main() {
  const db = openDatabase('/work/main/.tmp/bench/rating-2000-200000-400000.db');
  for (let i = 0; i < 3; i++) await rateInstitutes(db, CAS_2019_V1, 2025);
  for (let i = 0; i < 3; i++) {
    const asOf = evaluationInstant(2025, new Date());
    let t = performance.now();
    const { institutes, records } = await loadRatingInputs(db, { start: yearStart(2025), asOf }, CAS_2019_V1);
    const load = performance.now() - t;
    t = performance.now();
    for (const inst of institutes) evaluate(records.get(inst.id)!, CAS_2019_V1, 2025, asOf);
    console.log(`load ${load.toFixed(0)} ms, evaluate ${(performance.now() - t).toFixed(0)} ms`);
  }
  db.close();
}
void main();
