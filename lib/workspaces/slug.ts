// Client-safe: the onboarding form suggests a slug as the name is typed.

/** A workspace slug suggested from its name: "Glow Beauty Co." → "glow-beauty-co". */
export function slugFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
}
