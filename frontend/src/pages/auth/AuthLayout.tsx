// The frame of the login and signup pages.
import type { ReactNode } from 'react';

export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <p className="brand">Tally</p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
