// Run async work over items with a concurrency limit per group (R11: per-network limits), keeping the
// results in input order so the outcome never depends on which answer arrived first.
export async function mapLimit<T, K extends string, R>(
  items: readonly T[],
  group: (item: T) => K,
  limits: Record<K, number>,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const queues = new Map<K, number[]>();
  items.forEach((item, i) => {
    const key = group(item);
    const queue = queues.get(key) ?? [];
    queue.push(i);
    queues.set(key, queue);
  });
  const lanes: Promise<void>[] = [];
  for (const [key, queue] of queues) {
    let next = 0;
    const lane = async () => {
      while (next < queue.length) {
        const index = queue[next++]!;
        results[index] = await work(items[index]!);
      }
    };
    for (let n = 0; n < Math.max(1, limits[key] ?? 1); n++) lanes.push(lane());
  }
  await Promise.all(lanes);
  return results;
}
