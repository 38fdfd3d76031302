// Runs once when a Next.js server process starts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerRuntime } = await import("./lib/runtime/start");
  try {
    await startServerRuntime();
  } catch (err) {
    // A bad environment or an unreachable database must stop start-up, not limp along.
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
