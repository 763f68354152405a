'use client';

import { useEffect, useState } from 'react';

// A one-time confirmation carried across a navigation (a page that no longer exists after the
// action, such as a deleted instance's): the form stores it, the next page shows it once. Kept
// in sessionStorage rather than the URL, so no link can make the app say something untrue.

const KEY = 'lifeboat.flash';

export function setFlash(message: string) {
  sessionStorage.setItem(KEY, message);
}

export function Flash() {
  const [message, setMessage] = useState<string | null>(null);
  // Session storage is the browser's alone, so it is read after hydration (an effect is the only
  // place that may also remove the key once it was shown).
  useEffect(() => {
    const stored = sessionStorage.getItem(KEY);
    if (stored) {
      sessionStorage.removeItem(KEY);
      // eslint-disable-next-line react-hooks/set-state-in-effect -- shown once, from outside React
      setMessage(stored);
    }
  }, []);
  return (
    <div role="status" aria-live="polite">
      {message && (
        <p className="mb-4 rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
          {message}
        </p>
      )}
    </div>
  );
}
