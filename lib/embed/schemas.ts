// Client-safe: the dashboard's allowed-origins form.
import { z } from "zod";
import { parseOriginList } from "./origins";

export const MAX_ALLOWED_ORIGINS = 20;

export const allowedOriginsInput = z.object({
  origins: z
    .string()
    .max(5000)
    .default("")
    .superRefine((text, ctx) => {
      const { origins, invalid } = parseOriginList(text);
      if (invalid.length) ctx.addIssue({ code: "custom", message: `Not an origin: ${invalid.slice(0, 3).join(", ")}. Use https://host[:port], one a line.` });
      else if (origins.length > MAX_ALLOWED_ORIGINS) ctx.addIssue({ code: "custom", message: `At most ${MAX_ALLOWED_ORIGINS} origins.` });
    })
    .transform((text) => parseOriginList(text).origins),
});
