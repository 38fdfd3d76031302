import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CandorMark } from "@/components/brand/candor-mark";
import { buttonClasses } from "@/components/ui/button";
import { currentUser } from "@/lib/auth/guards";

export const metadata: Metadata = {
  title: { absolute: "Candor — preferences and zero-party data, respected" },
};

const features = [
  {
    title: "Quizzes people enjoy",
    body: "Onboarding quizzes ask what people want — skin type, role, goals — and turn each answer into a trait with its source and the consent it serves.",
  },
  {
    title: "A preference center that keeps its word",
    body: "Topics × channels, frequency, pause and one-click unsubscribe, with an append-only consent ledger that records the exact notice shown.",
  },
  {
    title: "Personalization with reasons",
    body: "Rules pick product bundles and onboarding flows from declared data, and every pick says why. No consent, no personalization — enforced in the engine.",
  },
  {
    title: "Fits your stack",
    body: "Signed webhooks and a REST API tell your ESP, CRM or CDP about every change, and answer “may I send this?” before you do.",
  },
];

/** The front door: signed-in people go straight to their workspace. */
export default async function HomePage() {
  if (await currentUser()) redirect("/w");
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="mx-auto flex w-full max-w-6xl items-center justify-between px-6 py-5">
        <span className="inline-flex items-center gap-2 text-base font-semibold">
          <CandorMark className="h-8 w-8" />
          Candor
        </span>
        <Link href="/signin" className={buttonClasses("secondary", "sm")}>
          Sign in
        </Link>
      </header>
      <main id="main" className="flex-1">
        <section className="mx-auto max-w-6xl px-6 pt-12 pb-16 sm:pt-20">
          <p className="text-sm font-semibold text-brand">Open source · Self-hostable</p>
          <h1 className="mt-3 max-w-3xl text-4xl font-semibold tracking-tight text-foreground sm:text-5xl">
            Ask people what they want. Then keep your word.
          </h1>
          <p className="mt-5 max-w-2xl text-lg text-muted-foreground">
            Candor is a preference center and zero-party data platform: quizzes and preference pages capture what people tell you on purpose, and your
            marketing systems hear about every change — with consent checked at every step.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <Link href="/signin" className={buttonClasses("primary", "lg")}>
              Sign in to your workspace
            </Link>
            <a href="/api/v1/openapi.json" className={buttonClasses("secondary", "lg")}>
              API description (OpenAPI)
            </a>
          </div>
        </section>
        <section aria-labelledby="features-heading" className="border-t border-border bg-muted/50">
          <div className="mx-auto max-w-6xl px-6 py-14">
            <h2 id="features-heading" className="text-xl font-semibold tracking-tight">
              What it does
            </h2>
            <ul className="mt-6 grid gap-6 sm:grid-cols-2">
              {features.map((f) => (
                <li key={f.title} className="rounded-lg border border-border bg-background p-6 shadow-sm">
                  <h3 className="font-semibold text-foreground">{f.title}</h3>
                  <p className="mt-2 text-sm text-muted-foreground">{f.body}</p>
                </li>
              ))}
            </ul>
          </div>
        </section>
      </main>
      <footer className="border-t border-border">
        <p className="mx-auto max-w-6xl px-6 py-6 text-sm text-muted-foreground">Candor is free software under the AGPL-3.0. Your data stays on your servers.</p>
      </footer>
    </div>
  );
}
