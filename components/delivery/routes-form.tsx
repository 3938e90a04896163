'use client';

import { useActionState } from 'react';
import { saveDeliveryRoutesAction } from '@/server/actions/delivery';
import { FormAlert } from '@/components/forms/field';
import type { Level } from '@/domain/reference/level-codes';

export interface RouteRow {
  key: string; // 'role.<role>' or 'webhook'
  label: string;
  colours: Level[];
}

/** A grid of checkboxes: rows are roles (and the webhook), columns the four levels, each named in words. */
export function DeliveryRoutesForm({
  rows,
  levels,
  labels,
}: {
  rows: RouteRow[];
  levels: { level: Level; label: string }[];
  labels: { row: string; save: string; saved: string; legend: string };
}) {
  const [state, action, pending] = useActionState(saveDeliveryRoutesAction, null);
  return (
    <form action={action} className="space-y-3" data-testid="delivery-routes">
      {state ? <FormAlert ok={state.ok}>{state.ok ? labels.saved : state.error}</FormAlert> : null}
      <fieldset>
        <legend className="sr-only">{labels.legend}</legend>
        <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
          <table className="min-w-full text-sm">
            <thead className="bg-gray-50 text-left text-gray-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  {labels.row}
                </th>
                {levels.map((l) => (
                  <th key={l.level} scope="col" className="px-4 py-2 text-center font-medium">
                    {l.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} className="border-t border-gray-100">
                  <th scope="row" className="px-4 py-2 text-left font-normal">
                    {r.label}
                  </th>
                  {levels.map((l) => (
                    <td key={l.level} className="px-4 py-2 text-center">
                      <input
                        type="checkbox"
                        name={`${r.key}.${l.level}`}
                        defaultChecked={r.colours.includes(l.level)}
                        aria-label={`${r.label}: ${l.label}`}
                        className="h-4 w-4 rounded border-gray-300"
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </fieldset>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-gray-900 px-4 py-2 text-sm font-medium text-white hover:bg-gray-700 disabled:opacity-60"
      >
        {labels.save}
      </button>
    </form>
  );
}
