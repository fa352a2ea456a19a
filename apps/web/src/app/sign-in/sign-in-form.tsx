"use client";

import { useState, type FormEvent } from "react";

const safeNext = (raw: string) => (raw.startsWith("/") && !raw.startsWith("//") ? raw : "/");

/**
 * Posts to /api/auth/sign-in, which relays the API's HttpOnly session cookie. Also works as a
 * plain form post without JavaScript (the route handler then redirects).
 */
export function SignInForm({ next, initialError }: { next: string; initialError?: string | undefined }) {
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch("/api/auth/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: form.get("name"), password: form.get("password") }),
      });
      if (res.ok) {
        // A full navigation, so every page re-fetches with the new cookie.
        window.location.assign(safeNext(next));
        return;
      }
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      setError(res.status === 401 ? "Wrong name or password." : (body?.error?.message ?? `Sign-in failed (${res.status}).`));
    } catch {
      setError("The dashboard could not reach the server.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card panel" method="post" action="/api/auth/sign-in" onSubmit={onSubmit} style={{ maxWidth: 360 }} aria-describedby={error ? "sign-in-error" : undefined}>
      <input type="hidden" name="next" value={next} />
      <div className="field">
        <label htmlFor="sign-in-name">Name</label>
        <input id="sign-in-name" name="name" type="text" autoComplete="username" required autoFocus />
      </div>
      <div className="field" style={{ marginTop: 12 }}>
        <label htmlFor="sign-in-password">Password</label>
        <input id="sign-in-password" name="password" type="password" autoComplete="current-password" required />
      </div>
      {error && (
        <p className="field-error" role="alert" id="sign-in-error" style={{ marginTop: 12 }}>
          {error}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy} style={{ marginTop: 16 }}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
