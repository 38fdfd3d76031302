/** @jsxImportSource preact */
import type { ComponentChildren } from "preact";
import { PublicDocument, type Branding } from "@/components/public/document";
import type { QuizMessageKey } from "@/lib/quizzes/messages";

export type RuntimeT = (key: QuizMessageKey, vars?: Record<string, string | number>) => string;

/** Where the runtime's links and forms point; each mode (hosted, embed, preview) builds its own. */
export interface RuntimeLinks {
  /** POST target of every form. */
  action: string;
  /** GET: a question of the current run (Back, revisit), optionally in another language. */
  question(key: string, locale?: string): string;
  /** GET: wherever the run stands now. */
  current(locale?: string): string;
  /** GET: the "finish later" screen. */
  save(locale?: string): string;
  /** GET: the start screen. */
  start(locale?: string): string;
}

/** Everything a screen needs besides its own content. */
export interface RuntimeContext {
  mode: "hosted" | "embed" | "preview";
  locale: string;
  /** The quiz's languages, for the switcher. */
  locales: string[];
  t: RuntimeT;
  brand: Branding;
  links: RuntimeLinks;
  /** Hidden form fields every POST carries (the response token, the preview state, the language). */
  carry: Record<string, string>;
}

const languageNames: Record<string, string> = { en: "English", de: "Deutsch", fr: "Français", es: "Español", it: "Italiano", nl: "Nederlands" };

/** Hidden inputs for the values every form of a run carries. */
export function Carry({ ctx }: { ctx: RuntimeContext }) {
  return (
    <>
      {Object.entries(ctx.carry).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** The document of every runtime screen: brand, language switcher, preview banner, the quiz script. */
export function QuizFrame(props: { ctx: RuntimeContext; title: string; children: ComponentChildren; hereIn?: (locale: string) => string }) {
  const { ctx } = props;
  const others = ctx.locales.filter((l) => l !== ctx.locale);
  const hereIn = props.hereIn ?? ((l: string) => ctx.links.start(l));
  return (
    <PublicDocument
      lang={ctx.locale}
      title={props.title}
      brand={ctx.brand}
      bare={ctx.mode === "embed"}
      skipLabel={ctx.t("skipLink")}
      footer={
        others.length ? (
          <nav aria-label={ctx.t("language")} class="langs">
            {others.map((l) => (
              <a key={l} href={hereIn(l)} hreflang={l} lang={l}>
                {languageNames[l] ?? l}
              </a>
            ))}
          </nav>
        ) : undefined
      }
    >
      {ctx.mode === "preview" ? (
        <p class="notice preview" role="status">
          {ctx.t("previewBanner")} <a href={ctx.links.start()}>{ctx.t("previewRestart")}</a>
        </p>
      ) : null}
      {props.children}
      <script src="/candor-quiz.js" defer />
    </PublicDocument>
  );
}
