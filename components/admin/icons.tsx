import type { SVGProps } from "react";

// Decorative 20px outline icons for the navigation; every use has a text label next to it.
function Icon({ d, ...props }: SVGProps<SVGSVGElement> & { d: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" {...props}>
      <path d={d} />
    </svg>
  );
}

export const icons = {
  overview: (p: SVGProps<SVGSVGElement>) => <Icon d="M3 10.5 10 4l7 6.5M5 9v7h4v-4h2v4h4V9" {...p} />,
  quizzes: (p: SVGProps<SVGSVGElement>) => <Icon d="M4 4h12v12H4zM7 8h6M7 11h4M7 14h2" {...p} />,
  audience: (p: SVGProps<SVGSVGElement>) => <Icon d="M7 9a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Zm-4 7c0-2.2 1.8-4 4-4s4 1.8 4 4m2-7a2 2 0 1 0 0-4m1.5 11H17c0-1.9-1.2-3.4-3-3.9" {...p} />,
  preferences: (p: SVGProps<SVGSVGElement>) => <Icon d="M4 6h7m4 0h1M4 14h2m4 0h6M11 4v4M6 12v4" {...p} />,
  personalization: (p: SVGProps<SVGSVGElement>) => <Icon d="M10 3l1.8 4.2L16 9l-4.2 1.8L10 15l-1.8-4.2L4 9l4.2-1.8zM15.5 14.5l.7 1.3 1.3.7-1.3.7-.7 1.3-.7-1.3-1.3-.7 1.3-.7z" {...p} />,
  integrations: (p: SVGProps<SVGSVGElement>) => <Icon d="M8 4v3M12 4v3M6 7h8v3a4 4 0 0 1-8 0zM10 14v3" {...p} />,
  analytics: (p: SVGProps<SVGSVGElement>) => <Icon d="M4 16V10M8 16V6M12 16v-4M16 16V4" {...p} />,
  settings: (p: SVGProps<SVGSVGElement>) => (
    <Icon d="M10 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM10 2.5v2M10 15.5v2M4.7 4.7l1.4 1.4M13.9 13.9l1.4 1.4M2.5 10h2M15.5 10h2M4.7 15.3l1.4-1.4M13.9 6.1l1.4-1.4" {...p} />
  ),
  menu: (p: SVGProps<SVGSVGElement>) => <Icon d="M3 6h14M3 10h14M3 14h14" {...p} />,
  chevronUpDown: (p: SVGProps<SVGSVGElement>) => <Icon d="M7 8l3-3 3 3M7 12l3 3 3-3" {...p} />,
  plus: (p: SVGProps<SVGSVGElement>) => <Icon d="M10 4v12M4 10h12" {...p} />,
  check: (p: SVGProps<SVGSVGElement>) => <Icon d="M4.5 10.5l3.5 3.5 7.5-8" {...p} />,
} as const;

export type IconName = keyof typeof icons;
