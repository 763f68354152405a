import Link from 'next/link';
import { connection } from 'next/server';

// Rendered per request, not prerendered: the Content-Security-Policy's nonce is per response,
// and a static page's scripts would carry none.
export default async function NotFound() {
  await connection();
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <Link href="/" className="mt-4 inline-block font-medium text-brand-700 underline">
        Go to the overview
      </Link>
    </main>
  );
}
