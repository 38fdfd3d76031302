// The one barrel in the project: Drizzle wants the whole schema in one object.
export * from "./auth";
export * from "./workspaces";
export * from "./events";
export * from "./email";
export * from "./rate-limits";
export * from "./profiles";
export * from "./consent";
export * from "./traits";
export * from "./webhooks";
export * from "./preferences";
export * from "./quizzes";
export * from "./imports";
export * from "./personalization";
export * from "./analytics";
export * from "./conversions";
