import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Lifeboat', template: '%s · Lifeboat' },
  description: 'Images and backups of your instances',
  // The files are in public/ (scripts/icons.mjs renders the PNGs and the ICO from icon.svg);
  // proxy.ts lets them through without a session so the sign-in page shows them too.
  icons: {
    icon: [
      { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
      { url: '/icon.svg', type: 'image/svg+xml' },
    ],
    apple: { url: '/apple-touch-icon.png', sizes: '180x180' },
  },
  manifest: '/manifest.webmanifest',
};

export const viewport: Viewport = { themeColor: '#08553d' };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
