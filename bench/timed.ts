/** Time a read `times` times after one warm-up call (as a live page would find the cache): its last answer, median and max. */
export async function timed<T>(read: () => Promise<T>, times: number): Promise<{ value: T; medianMs: number; maxMs: number }> {
  const durations: number[] = [];
  let value = await read();
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    value = await read();
    durations.push(performance.now() - t);
  }
  durations.sort((a, b) => a - b);
  return { value, medianMs: durations[Math.floor(durations.length / 2)]!, maxMs: durations.at(-1)! };
}
