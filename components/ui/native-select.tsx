import { forwardRef, type SelectHTMLAttributes } from "react";
import { cn } from "@/lib/utils";
import { controlClasses } from "./input";

/** A native select: works before JavaScript loads, on every phone, and in long lists. */
export const NativeSelect = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(function NativeSelect(
  { className, ...props },
  ref,
) {
  return <select ref={ref} className={cn(controlClasses, "h-10 pr-8", className)} {...props} />;
});
