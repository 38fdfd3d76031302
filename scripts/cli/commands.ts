import type { CliCommand } from "./types";
import { databaseCommands } from "./database";
import { workspaceCommands } from "./workspace";
import { apiKeyCommands } from "./apikey";
import { memberCommands } from "./member";
import { consentCommands } from "./consent";

/** Every command, in the order help lists them. A new group is a file here plus one entry. */
export const commands: CliCommand[] = [...databaseCommands, ...workspaceCommands, ...memberCommands, ...apiKeyCommands, ...consentCommands];
