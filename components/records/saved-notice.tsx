'use client';

import { useEffect } from 'react';
import { Notice } from './panel';

/**
 * Says what the form that opened this page did, once: the `saved` parameters leave the address at once, so
 * a reload or a later step on the page does not repeat a notice that no longer describes the record.
 */
export function SavedNotice({ children }: { children: React.ReactNode }) {
  useEffect(() => {
    window.history.replaceState(null, '', window.location.pathname);
  }, []);
  return (
    <Notice tone="ok" testId="saved">
      {children}
    </Notice>
  );
}
