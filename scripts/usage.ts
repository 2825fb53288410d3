// Preloaded into a measured child process (`node --import ./scripts/usage.ts ...`, see simulation.ts): at
// exit it writes what the kernel counted for this process (peak resident memory, CPU time) to the file named
// by SOCIAL_HEALTH_USAGE, so the parent can report them without a platform tool such as /usr/bin/time.
import { writeFileSync } from 'node:fs';

const file = process.env.SOCIAL_HEALTH_USAGE;
if (file) {
  process.on('exit', () => {
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRSS, userCPUTime, systemCPUTime }));
  });
}
