'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** A main-navigation link that marks the current section for screen readers and the eye. */
export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const current = href === '/' ? pathname === '/' : pathname.startsWith(href);
  return (
    <Link
      href={href}
      aria-current={current ? 'page' : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ${current ? 'bg-slate-100 text-slate-900' : 'text-slate-700 hover:bg-slate-100'}`}
    >
      {children}
    </Link>
  );
}
