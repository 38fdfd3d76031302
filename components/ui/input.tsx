import { forwardRef, type InputHTMLAttributes } from "react";
import { cn } from "@/lib/utils";

export const controlClasses = cn(
  "block w-full rounded-md border border-input bg-background px-3 text-sm text-foreground shadow-sm",
  "placeholder:text-muted-foreground/80",
  "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring",
  "disabled:cursor-not-allowed disabled:bg-muted disabled:opacity-70",
  "aria-invalid:border-danger aria-invalid:focus-visible:outline-danger",
);

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function Input(
  { className, type = "text", ...props },
  ref,
) {
  return <input ref={ref} type={type} className={cn(controlClasses, "h-10", type === "color" && "h-10 w-16 p-1", className)} {...props} />;
});
