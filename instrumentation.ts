// Runs once when a Next.js server process starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerRuntimeOrExit } = await import("./lib/runtime/start");
  await startServerRuntimeOrExit();
}
