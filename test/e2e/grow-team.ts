// Grows the extension's stored demo team to a given size, run inside an extension page or worker (the
// function is sent there as source, so it is self-contained): the e2e harness and the popup benchmark.
/**
 * In an extension page: the stored state grown to `total` accounts, copies of the connected demo accounts
 * with their posts under new ids and names.
 */
export async function growTeam(total: number): Promise<void> {
  interface Account {
    id: string;
    status: string;
    profile?: { name: string; networkUserId: string; handle?: string | null } | null;
  }
  interface State {
    accounts: Record<string, Account>;
    posts: Record<string, Array<{ id: string; account: string }>>;
  }
  const db = await new Promise<IDBDatabase>((done, fail) => {
    const open = indexedDB.open('social-health');
    open.onsuccess = () => done(open.result);
    open.onerror = () => fail(open.error);
  });
  const store = () => db.transaction('kv', 'readwrite').objectStore('kv');
  const state = await new Promise<State>((done, fail) => {
    const get = store().get('state');
    get.onsuccess = () => done(get.result as State);
    get.onerror = () => fail(get.error);
  });
  const demo = Object.values(state.accounts);
  const connected = demo.filter((a) => a.status === 'connected');
  for (let i = demo.length; i < total; i++) {
    const a = connected[i % connected.length]!;
    const id = `${a.id}-copy-${i}`;
    state.accounts[id] = {
      ...structuredClone(a),
      id,
      profile: a.profile
        ? {
            ...a.profile,
            name: `${a.profile.name} ${i}`,
            handle: a.profile.handle ? `${a.profile.handle}${i}` : null,
            networkUserId: `${a.profile.networkUserId}-${i}`,
          }
        : null,
    };
    state.posts[id] = (state.posts[a.id] ?? []).map((p) => ({ ...p, id: `${p.id}-copy-${i}`, account: id }));
  }
  await new Promise<void>((done, fail) => {
    const put = store().put(state, 'state');
    put.onsuccess = () => done();
    put.onerror = () => fail(put.error);
  });
  db.close();
}
