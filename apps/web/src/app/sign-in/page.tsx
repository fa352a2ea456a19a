import type { Metadata } from "next";
import { SignInForm } from "./sign-in-form.tsx";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const { next, error } = await searchParams;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Sign in</h1>
          <p className="muted">Use the name and password an admin created with grokscope user create.</p>
        </div>
      </div>
      <SignInForm next={next ?? "/"} initialError={error ? "Wrong name or password." : undefined} />
    </>
  );
}
