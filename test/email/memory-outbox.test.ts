// The in-memory outbox holds to the contract every OutboxStore must keep (outbox-contract.ts).
import { MemoryOutbox } from '../../server/mail/outbox.ts';
import { outboxContract } from './outbox-contract.ts';

outboxContract('MemoryOutbox', async () => {
  const memory = new MemoryOutbox();
  return {
    store: memory,
    add: async (entries, now) => memory.add(entries, now),
    get: async (id) => memory.get(id),
    setMember: async (member) => void memory.members.set(member.id, member),
  };
});
