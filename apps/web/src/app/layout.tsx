import type { Metadata, Viewport } from "next";
import { GeistSans } from "geist/font/sans";
import Link from "next/link";
import type { ReactNode } from "react";
import { MeProvider } from "../hooks/use-me.tsx";
import { EditOnly } from "../components/edit-only.tsx";
import { UserBadge } from "../components/user-badge.tsx";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Grokscope", template: "%s · Grokscope" },
  description: "A lab bench for grokking research: launch, watch and compare training runs.",
};

export const viewport: Viewport = {
  colorScheme: "light dark",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={GeistSans.variable}>
      <body className={GeistSans.className}>
        <MeProvider>
        <header className="topbar">
          <div className="topbar-inner">
            <Link href="/" className="brand">
              <span className="brand-mark" aria-hidden="true" />
              Grokscope
            </Link>
            <nav className="nav" aria-label="Main">
              <Link href="/">Runs</Link>
              <EditOnly>
                <Link href="/runs/new">New run</Link>
              </EditOnly>
              <Link href="/sweeps">Sweeps</Link>
              <Link href="/predictor">Predictor</Link>
              <Link href="/reproduce">Reproduce the paper</Link>
            </nav>
            <UserBadge />
          </div>
        </header>
        <main className="container">{children}</main>
        </MeProvider>
      </body>
    </html>
  );
}
