'use client';

import { useActionState, useState } from 'react';
import { useTranslations } from 'next-intl';
import { revokeTokenAction } from '@/server/actions/admin';

// Revoking is immediate and cannot be undone, so it asks once more, inline.
export function RevokeTokenButton({ tokenId }: { tokenId: number }) {
  const t = useTranslations('admin');
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState(revokeTokenAction, null);
  if (!confirming) {
    return (
      <button
        type="button"
        onClick={() => setConfirming(true)}
        className="rounded-md border border-red-300 px-2 py-1 text-xs text-red-800 hover:bg-red-50"
      >
        {t('revoke')}
      </button>
    );
  }
  return (
    <form action={action} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="tokenId" value={tokenId} />
      <span className="text-xs text-red-800">{state && !state.ok ? state.error : t('revokeConfirm')}</span>
      <button type="submit" disabled={pending} className="rounded-md bg-red-700 px-2 py-1 text-xs text-white hover:bg-red-800">
        {t('confirm')}
      </button>
      <button type="button" onClick={() => setConfirming(false)} className="rounded-md border border-gray-300 px-2 py-1 text-xs">
        {t('cancel')}
      </button>
    </form>
  );
}
