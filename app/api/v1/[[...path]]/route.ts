import { unknownPath } from "@/lib/api/fallback";

// Any method on a path under /api/v1 that no route serves — 404 problem+json
export const GET = unknownPath;
export const POST = unknownPath;
export const PUT = unknownPath;
export const PATCH = unknownPath;
export const DELETE = unknownPath;
