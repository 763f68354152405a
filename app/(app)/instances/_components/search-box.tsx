'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

// Typing updates ?q= after a short pause and goes back to page 1; the server does the search.
export function SearchBox({ initial }: { initial: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [value, setValue] = useState(initial);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  function apply(next: string) {
    const search = new URLSearchParams(params.toString());
    if (next.trim()) search.set('q', next.trim());
    else search.delete('q');
    search.delete('page');
    router.replace(`${pathname}?${search.toString()}`);
  }

  return (
    <form
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        clearTimeout(timer.current);
        apply(value);
      }}
    >
      <label htmlFor="instance-search" className="block text-sm font-medium">
        Search by label
      </label>
      <input
        id="instance-search"
        type="search"
        value={value}
        maxLength={64}
        onChange={(e) => {
          setValue(e.target.value);
          clearTimeout(timer.current);
          const next = e.target.value;
          timer.current = setTimeout(() => apply(next), 300);
        }}
        placeholder="e.g. db-"
        className="mt-1 w-64 rounded-md border border-slate-300 px-3 py-2"
      />
    </form>
  );
}
