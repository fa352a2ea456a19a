import { describe, expect, it } from "vitest";
import { signInRedirect } from "./sign-in-redirect.ts";

const unauthenticated = [{ message: "sign in", extensions: { code: "UNAUTHENTICATED" } }];

describe("signInRedirect", () => {
  it("sends an anonymous caller to sign in and back to the page it was on", () => {
    expect(signInRedirect(unauthenticated, { pathname: "/runs/abc", search: "?x=log" })).toBe("/sign-in?next=%2Fruns%2Fabc%3Fx%3Dlog");
  });
  it("leaves other errors and the sign-in page itself alone", () => {
    expect(signInRedirect([{ message: "no", extensions: { code: "FORBIDDEN" } }], { pathname: "/", search: "" })).toBeNull();
    expect(signInRedirect(unauthenticated, { pathname: "/sign-in", search: "?next=%2F" })).toBeNull();
  });
});
