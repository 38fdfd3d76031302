import { describe, expect, it } from "vitest";
import { refuseBadCallbackUrl } from "./callback-url";

const req = (path: string, init: RequestInit = {}) => new Request(`http://localhost:3000${path}`, init);

describe("refuseBadCallbackUrl", () => {
  it("answers 400 for a callbackUrl query that is neither an http(s) URL nor a path", async () => {
    for (const value of ["abc", "javascript:alert(1)", "ftp://x.example/"]) {
      const res = refuseBadCallbackUrl(req(`/api/auth/session?callbackUrl=${encodeURIComponent(value)}`));
      expect(res?.status, value).toBe(400);
      expect(await res!.json()).toEqual({ message: "callbackUrl must be an http(s) URL or a path" });
    }
  });

  it("answers 400 for a tampered callback-url cookie, plain or __Secure-", () => {
    for (const name of ["authjs.callback-url", "__Secure-authjs.callback-url"]) {
      expect(refuseBadCallbackUrl(req("/api/auth/providers", { headers: { cookie: `a=1; ${name}=not%20a%20url` } }))?.status, name).toBe(400);
    }
  });

  it("lets good values, absent values and Auth.js's own pages through", () => {
    for (const path of ["/api/auth/session", "/api/auth/session?callbackUrl=%2Fw", "/api/auth/csrf?callbackUrl=https%3A%2F%2Fexample.com%2F", "/api/auth/signin?callbackUrl=abc", "/api/auth/error?callbackUrl=abc"]) {
      expect(refuseBadCallbackUrl(req(path)), path).toBeNull();
    }
    expect(refuseBadCallbackUrl(req("/api/auth/signout?callbackUrl=abc", { method: "POST" }))?.status).toBe(400);
  });
});
